using System.Globalization;
using System.Text;
using Zos.Core.Contracts;

namespace Zos.Node.Measurement;

/// <summary>
/// Pure parsers of the /proc text behind a node's measured usage (<see cref="UsageReader"/> does the IO): memory from
/// /proc/meminfo, load from /proc/loadavg, and which mounts are disks worth a statfs from /proc/self/mounts.
/// Text that does not parse gives null or nothing, never a made-up figure.
/// </summary>
public static class UsageParsing
{
    // Filesystems on a block device that say nothing about free space: read-only images are always full.
    private static readonly HashSet<string> s_imageFilesystems = new(StringComparer.Ordinal) { "squashfs", "iso9660", "udf", "erofs", "cramfs" };

    /// <summary>MemTotal and MemAvailable (kB in the file, bytes here); null when either is missing (MemAvailable came in Linux 3.14).</summary>
    public static MemoryUsage? ParseMemory(string meminfo)
    {
        long? total = null, available = null;
        foreach (var line in meminfo.Split('\n'))
        {
            if (line.StartsWith("MemTotal:", StringComparison.Ordinal))
                total = Kilobytes(line["MemTotal:".Length..]);
            else if (line.StartsWith("MemAvailable:", StringComparison.Ordinal))
                available = Kilobytes(line["MemAvailable:".Length..]);
        }
        return total is { } t && available is { } a && a <= t ? new MemoryUsage(t, a) : null;
    }

    /// <summary>The three load averages, the first fields of /proc/loadavg ("0.52 0.58 0.59 2/811 12345"); null when they do not parse.</summary>
    public static LoadAverage? ParseLoad(string loadavg)
    {
        var fields = loadavg.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 3)
            return null;
        var values = new double[3];
        for (var i = 0; i < 3; i++)
        {
            if (!double.TryParse(fields[i], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out values[i]))
                return null;
        }
        return new LoadAverage(values[0], values[1], values[2]);
    }

    /// <summary>
    /// The disk filesystems of /proc/self/mounts (source a /dev block device, not a loop device nor a read-only image
    /// format), one per device: the first mount of a device wins, bind mounts of it add nothing. Octal escapes of the
    /// paths (<c>\040</c> for a space, fs/proc_namespace.c) are decoded.
    /// </summary>
    public static IReadOnlyList<DiskMount> ParseDiskMounts(string mounts)
    {
        var found = new List<DiskMount>();
        var devices = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in mounts.Split('\n'))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 3)
                continue;
            var device = Unescape(fields[0]);
            if (!device.StartsWith("/dev/", StringComparison.Ordinal) || device.StartsWith("/dev/loop", StringComparison.Ordinal) || s_imageFilesystems.Contains(fields[2]))
                continue;
            if (devices.Add(device))
                found.Add(new DiskMount(device["/dev/".Length..], Unescape(fields[1])));
        }
        return found;
    }

    private static long? Kilobytes(string rest)
    {
        var parts = rest.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 1 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var kb) && kb <= long.MaxValue / 1024
            ? kb * 1024 : null;
    }

    private static string Unescape(string field)
    {
        if (!field.Contains('\\', StringComparison.Ordinal))
            return field;
        var text = new StringBuilder(field.Length);
        for (var i = 0; i < field.Length; i++)
        {
            if (field[i] == '\\' && IsOctal(field, i + 1))
            {
                text.Append((char)Convert.ToInt32(field.Substring(i + 1, 3), 8));
                i += 3;
            }
            else
            {
                text.Append(field[i]);
            }
        }
        return text.ToString();
    }

    private static bool IsOctal(string s, int at) =>
        at + 3 <= s.Length && s[at] is >= '0' and <= '3' && s[at + 1] is >= '0' and <= '7' && s[at + 2] is >= '0' and <= '7';
}
