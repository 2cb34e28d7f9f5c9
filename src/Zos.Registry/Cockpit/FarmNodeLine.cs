using Zos.Core.Contracts;

namespace Zos.Registry.Cockpit;

/// <summary>
/// One node as the Cockpit's farm page draws it (a row and a box in the farm picture): status, last seen, uptime %,
/// the four capacity totals it registered, what it last measured of its use (<see cref="Usage"/>, null when it
/// measures nothing), NICs, public config, the latest check that its public endpoint answered (<see cref="Reach"/>,
/// null when nothing checked it), internet reachability, the reported public uplink and whether its
/// identity is volatile. Half the bytes
/// of a <see cref="NodeView"/> (no disk list, versions, first seen, uptime seconds, NIC health): 500 of them are one answer.
/// </summary>
public sealed record FarmNodeLine(
    string Id,
    NodeStatus Status,
    DateTimeOffset LastSeen,
    double UptimePercent,
    int CpuCores,
    long MemoryBytes,
    long SsdBytes,
    long HddBytes,
    IReadOnlyList<InterfaceInfo> Interfaces,
    string? ManagementNic,
    PublicConfig? PublicConfig,
    bool? Ipv4Internet,
    bool? Ipv6Internet,
    NodePublicReport? Public,
    bool? IdentityVolatile = null,
    MeasuredUsage? Usage = null,
    ReachCheck? Reach = null)
{
    /// <summary>The line of <paramref name="view"/>.</summary>
    public static FarmNodeLine From(NodeView view) => new(
        view.Id, view.Status, view.LastSeen, view.UptimePercent,
        // Null-tolerant: a row is drawn from whatever the store holds (the Cockpit marks a broken row, the answer never fails).
        view.Capacity?.CpuCores ?? 0, view.Capacity?.MemoryBytes ?? 0, view.Capacity?.SsdBytes ?? 0, view.Capacity?.HddBytes ?? 0,
        view.Interfaces ?? [], view.ManagementNic, view.PublicConfig, view.Health?.Ipv4Internet, view.Health?.Ipv6Internet, view.Public,
        // true or absent: most nodes keep their identity, and a false on each of 500 lines is bytes for nothing.
        view.IdentityVolatile ? true : null,
        MeasuredUsage.From(view.Health?.Usage));
}
