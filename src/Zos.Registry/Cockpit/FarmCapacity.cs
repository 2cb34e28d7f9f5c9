namespace Zos.Registry.Cockpit;

/// <summary>One line of the Cockpit capacity page: a farm's node count and totals (of nodes that are up).</summary>
public sealed record FarmCapacity(
    uint Id,
    string Name,
    int NodesUp,
    int NodesTotal,
    long CpuCores,
    long MemoryBytes,
    long SsdBytes,
    long HddBytes,
    int PublicIpsFree,
    int PublicIpsTotal);
