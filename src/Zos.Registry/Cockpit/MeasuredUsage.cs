using Zos.Core.Contracts;

namespace Zos.Registry.Cockpit;

/// <summary>
/// A node's last measured use as a farm page row draws it: load over the last minute, memory used of total, and the
/// space used of all its measured disks together, with the time the node measured them. A part is null when the node
/// did not measure it; the whole is null when the node reports no measurement (never an estimate in its place).
/// </summary>
public sealed record MeasuredUsage(
    DateTimeOffset MeasuredAt,
    double? LoadOneMinute,
    long? MemoryUsedBytes,
    long? MemoryTotalBytes,
    long? DiskUsedBytes,
    long? DiskTotalBytes)
{
    /// <summary>The summary of <paramref name="usage"/>; null when there is none. Null-tolerant: stored data may be anything.</summary>
    public static MeasuredUsage? From(NodeUsage? usage)
    {
        if (usage is null)
            return null;
        var disks = usage.Disks?.OfType<DiskUsage>().ToList();
        var measuredDisks = disks is { Count: > 0 };
        return new MeasuredUsage(
            usage.MeasuredAt,
            usage.Load?.OneMinute,
            usage.Memory?.UsedBytes,
            usage.Memory?.TotalBytes,
            measuredDisks ? SaturatingMath.Sum(disks!, d => d.UsedBytes) : null,
            measuredDisks ? SaturatingMath.Sum(disks!, d => d.TotalBytes) : null);
    }
}
