using System.Globalization;
using Zos.Core.Contracts;

namespace Zos.Node.Registration;

/// <summary>
/// Pure parsers of /proc and /sys text for the registration's capacity and versions (the reader does the IO).
/// </summary>
public static class HostFacts
{
    /// <summary>MemTotal of /proc/meminfo in bytes, or null when absent.</summary>
    public static long? ParseMemTotal(string meminfo)
    {
        foreach (var line in meminfo.Split('\n'))
        {
            if (!line.StartsWith("MemTotal:", StringComparison.Ordinal))
                continue;
            var parts = line["MemTotal:".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length >= 1 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var kb))
                return kb * 1024;
        }
        return null;
    }

    /// <summary>The number of "processor" entries of /proc/cpuinfo.</summary>
    public static int CountProcessors(string cpuinfo) =>
        cpuinfo.Split('\n').Count(l => l.StartsWith("processor", StringComparison.Ordinal) && l.Contains(':', StringComparison.Ordinal));

    /// <summary>Block devices that are disks (not loop, ram, zram, device-mapper, optical, nbd).</summary>
    public static bool IsDisk(string blockDevice) =>
        !new[] { "loop", "ram", "zram", "dm-", "sr", "nbd", "md" }.Any(p => blockDevice.StartsWith(p, StringComparison.Ordinal));

    /// <summary>A disk from /sys/block/NAME/size (512-byte sectors) and queue/rotational ("1" = hdd).</summary>
    public static DiskInfo? ParseDisk(string name, string sizeText, string? rotationalText)
    {
        if (!long.TryParse(sizeText.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var sectors) || sectors == 0)
            return null;
        return new DiskInfo(name, sectors * 512, rotationalText?.Trim() == "1" ? "hdd" : "ssd");
    }

    /// <summary>Seconds of /proc/uptime's first field.</summary>
    public static long ParseUptime(string uptime)
    {
        var first = uptime.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "0";
        return double.TryParse(first, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) ? (long)s : 0;
    }
}
