namespace Zos.Core.Contracts;

/// <summary>What a node knows about its own connectivity, carried by every heartbeat.</summary>
public sealed record NodeHealth(
    bool Ipv4Internet,
    bool Ipv6Internet,
    long? LeaseAgeSeconds,
    IReadOnlyList<NicHealth> Nics);
