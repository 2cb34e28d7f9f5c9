namespace Zos.Core.Contracts;

/// <summary>
/// What a node knows about its own connectivity, carried by every heartbeat, and what it measured of its use
/// (<see cref="Usage"/>; absent from nodes that do not measure, as before it existed).
/// </summary>
public sealed record NodeHealth(
    bool Ipv4Internet,
    bool Ipv6Internet,
    long? LeaseAgeSeconds,
    IReadOnlyList<NicHealth> Nics,
    NodeUsage? Usage = null);
