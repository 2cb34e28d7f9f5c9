namespace Zos.Image.Archive;

/// <summary>
/// One member of a newc cpio archive. <paramref name="Path"/> is relative to the archive root, without a leading
/// slash ("usr/bin/zos-node"); <paramref name="Data"/> is a file's bytes or a symlink's target (UTF-8).
/// </summary>
public sealed record CpioEntry(string Path, CpioEntryKind Kind, int Permissions, ReadOnlyMemory<byte> Data)
{
    public static CpioEntry Directory(string path) => new(path, CpioEntryKind.Directory, 0x1ED /* 0755 */, ReadOnlyMemory<byte>.Empty);

    public static CpioEntry File(string path, byte[] data, bool executable) =>
        new(path, CpioEntryKind.File, executable ? 0x1ED /* 0755 */ : 0x1A4 /* 0644 */, data);

    public static CpioEntry Symlink(string path, string target) =>
        new(path, CpioEntryKind.Symlink, 0x1FF /* 0777 */, System.Text.Encoding.UTF8.GetBytes(target));
}
