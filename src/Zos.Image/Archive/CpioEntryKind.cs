namespace Zos.Image.Archive;

/// <summary>The kinds of entries the initramfs holds (no device nodes: devtmpfs makes them at boot).</summary>
public enum CpioEntryKind
{
    Directory,
    File,
    Symlink,
}
