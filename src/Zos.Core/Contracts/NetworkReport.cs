namespace Zos.Core.Contracts;

/// <summary>
/// What only the node knows about one network: its WireGuard public key and listen port, endpoint candidates
/// ("203.0.113.5:51820"), latest handshakes, errors met while applying the desired state, and which WireGuard runs its
/// device (<see cref="WireGuardImplementations"/>; null from nodes that do not say).
/// </summary>
public sealed record NetworkReport(
    string NetId,
    string PublicKey,
    int ListenPort,
    IReadOnlyList<string> Endpoints,
    IReadOnlyList<PeerHandshake> Handshakes,
    IReadOnlyList<string> Errors,
    string? WireGuard = null);
