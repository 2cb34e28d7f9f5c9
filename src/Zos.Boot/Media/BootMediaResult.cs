namespace Zos.Boot.Media;

/// <summary>A built image: where it is, how big, and the iPXE script it carries.</summary>
public sealed record BootMediaResult(string Path, long Length, BootMediaFormat Format, string Script);
