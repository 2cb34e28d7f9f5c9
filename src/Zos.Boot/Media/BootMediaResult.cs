namespace Zos.Boot.Media;

/// <summary>A built image: where it is, how big, and what it runs (the iPXE script it carries, or with a node image the kernel command line its loaders pass).</summary>
public sealed record BootMediaResult(string Path, long Length, BootMediaFormat Format, string Script);
