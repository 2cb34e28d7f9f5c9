namespace Zos.Core.Image;

/// <summary>A file of the image (or inside its initramfs): path, size in bytes and SHA-256 (lower-case hex).</summary>
public sealed record ImageFile(string Path, long Size, string Sha256);
