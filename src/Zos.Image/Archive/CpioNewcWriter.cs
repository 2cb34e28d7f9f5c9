using System.Globalization;
using System.Text;

namespace Zos.Image.Archive;

/// <summary>
/// Writes the "new ASCII" (newc, magic 070701) cpio format the kernel unpacks as an initramfs
/// (Documentation/driver-api/early-userspace/buffer-format.rst). Reproducible by construction: entries are written in
/// ordinal path order, every entry is owned by root with the same modification time, inode numbers count up from 1,
/// and nothing of the build machine (owner, time, device) enters the archive.
/// </summary>
public static class CpioNewcWriter
{
    private const string Magic = "070701";
    private const string Trailer = "TRAILER!!!";

    // st_mode type bits (include/uapi/linux/stat.h).
    private const int TypeDirectory = 0x4000;
    private const int TypeFile = 0x8000;
    private const int TypeSymlink = 0xA000;

    /// <summary>Writes <paramref name="entries"/> sorted by path, every entry with <paramref name="modificationTime"/>.</summary>
    public static void Write(Stream output, IEnumerable<CpioEntry> entries, DateTimeOffset modificationTime)
    {
        var mtime = checked((uint)modificationTime.ToUnixTimeSeconds());
        var sorted = entries.OrderBy(e => e.Path, StringComparer.Ordinal).ToList();
        for (var i = 1; i < sorted.Count; i++)
        {
            if (sorted[i].Path == sorted[i - 1].Path)
                throw new ArgumentException($"the archive holds '{sorted[i].Path}' twice", nameof(entries));
        }
        uint inode = 1;
        foreach (var entry in sorted)
        {
            if (entry.Path.Length == 0 || entry.Path.StartsWith('/') || entry.Path.Contains('\0', StringComparison.Ordinal))
                throw new ArgumentException($"'{entry.Path}' is not a relative archive path", nameof(entries));
            var type = entry.Kind switch
            {
                CpioEntryKind.Directory => TypeDirectory,
                CpioEntryKind.File => TypeFile,
                _ => TypeSymlink,
            };
            WriteMember(output, entry.Path, inode++, (uint)(type | (entry.Permissions & 0xFFF)),
                entry.Kind == CpioEntryKind.Directory ? 2u : 1u, mtime, entry.Data.Span);
        }
        WriteMember(output, Trailer, 0, 0, 1, 0, ReadOnlySpan<byte>.Empty);
    }

    private static void WriteMember(Stream output, string name, uint inode, uint mode, uint links, uint mtime, ReadOnlySpan<byte> data)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name + "\0");
        var header = new StringBuilder(110);
        header.Append(Magic);
        foreach (var field in (uint[])[inode, mode, 0 /* uid */, 0 /* gid */, links, mtime, checked((uint)data.Length),
                     0 /* devmajor */, 0 /* devminor */, 0 /* rdevmajor */, 0 /* rdevminor */, (uint)nameBytes.Length, 0 /* check */])
            header.Append(field.ToString("X8", CultureInfo.InvariantCulture));
        output.Write(Encoding.ASCII.GetBytes(header.ToString()));
        output.Write(nameBytes);
        Pad(output, 110 + nameBytes.Length);
        output.Write(data);
        Pad(output, data.Length);
    }

    // Header plus name, and the data, each end on a 4-byte boundary.
    private static void Pad(Stream output, int length)
    {
        var pad = (4 - length % 4) % 4;
        for (var i = 0; i < pad; i++)
            output.WriteByte(0);
    }
}
