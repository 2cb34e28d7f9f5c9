namespace Zos.Core.Contracts;

/// <summary>
/// This node's part of one user network in its desired state: the network's id and name, the whole range, this
/// node's subnet, the WireGuard listen port to use and the peers to configure. The node keeps the private key.
/// </summary>
public sealed record NetworkPart(
    string NetId,
    string Name,
    string Range,
    string Subnet,
    int ListenPort,
    IReadOnlyList<PeerSpec> Peers);
