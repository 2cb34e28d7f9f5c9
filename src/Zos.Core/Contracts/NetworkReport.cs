namespace Zos.Core.Contracts;

/// <summary>
/// What only the node knows about one network: its WireGuard public key and listen port, endpoint candidates
/// ("203.0.113.5:51820"), latest handshakes and errors met while applying the desired state.
/// </summary>
public sealed record NetworkReport(
    string NetId,
    string PublicKey,
    int ListenPort,
    IReadOnlyList<string> Endpoints,
    IReadOnlyList<PeerHandshake> Handshakes,
    IReadOnlyList<string> Errors);
