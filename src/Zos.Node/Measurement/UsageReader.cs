using Zos.Core.Contracts;

namespace Zos.Node.Measurement;

/// <summary>
/// Measures the node's use for its heartbeats: reads /proc/meminfo, /proc/loadavg and /proc/self/mounts, and the
/// space of each disk filesystem (statfs, through <see cref="DriveInfo"/>), stamped with the time of the reading.
/// What cannot be read is left out (null), so the registry never shows a figure nobody measured.
/// </summary>
public sealed class UsageReader(TimeProvider time, string procRoot = "/proc")
{
    public NodeUsage Read()
    {
        var measuredAt = time.GetUtcNow();
        var memory = ReadText("meminfo") is { } meminfo ? UsageParsing.ParseMemory(meminfo) : null;
        var load = ReadText("loadavg") is { } loadavg ? UsageParsing.ParseLoad(loadavg) : null;
        IReadOnlyList<DiskUsage>? disks = ReadText(Path.Combine("self", "mounts")) is { } mounts
            ? [.. UsageParsing.ParseDiskMounts(mounts).Select(Measure).OfType<DiskUsage>().Take(ContractLimits.MaxDisks)]
            : null;
        return new NodeUsage(measuredAt, memory, load, disks);
    }

    private static DiskUsage? Measure(DiskMount mount)
    {
        if (mount.Device.Length > ContractLimits.MaxDiskNameLength || mount.MountPoint.Length > ContractLimits.MaxMountPointLength)
            return null;
        try
        {
            // statvfs(3): f_blocks, f_bfree (free, root reserve included) and f_bavail (free to unprivileged writers).
            var drive = new DriveInfo(mount.MountPoint);
            var total = drive.TotalSize;
            if (total <= 0)
                return null;
            var used = Math.Max(0, total - drive.TotalFreeSpace);
            return new DiskUsage(mount.Device, mount.MountPoint, total, used, Math.Clamp(drive.AvailableFreeSpace, 0, total));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            // Unmounted since the mounts were read, or not ours to stat: not measured.
            return null;
        }
    }

    private string? ReadText(string name)
    {
        try
        {
            return File.ReadAllText(Path.Combine(procRoot, name));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
