namespace Zos.Core.Image;

/// <summary>A Debian package the image was built from, with the SHA-256 of the .deb.</summary>
public sealed record ImagePackage(string Name, string Version, string Architecture, string Sha256);
