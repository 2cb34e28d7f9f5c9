namespace Zos.Registry.Cockpit;

/// <summary>
/// The latest evidence that a node's public endpoint answered: node <see cref="Peer"/> reported a WireGuard handshake
/// with it at <see cref="At"/> (the peer's clock) in network <see cref="NetId"/>, where the node has a public endpoint.
/// </summary>
public sealed record ReachCheck(DateTimeOffset At, string Peer, string NetId);
