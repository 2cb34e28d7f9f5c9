namespace Zos.Core.Contracts;

/// <summary>
/// What a node measured of its own use, carried by its heartbeats: memory, CPU load and the space of its mounted
/// disks, read at <see cref="MeasuredAt"/> (the node's clock). Each part is null when the node could not read it; the
/// Cockpit then shows nothing for it rather than an estimate.
/// </summary>
public sealed record NodeUsage(DateTimeOffset MeasuredAt, MemoryUsage? Memory, LoadAverage? Load, IReadOnlyList<DiskUsage>? Disks);
