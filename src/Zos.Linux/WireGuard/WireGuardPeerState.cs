using System.Net;
using Zos.Core.Networks;

namespace Zos.Linux.WireGuard;

/// <summary>A peer as the device reports it.</summary>
/// <param name="PublicKey">The peer's public key.</param>
/// <param name="Endpoint">The current endpoint (configured or learned), or null.</param>
/// <param name="AllowedIps">The allowed prefixes.</param>
/// <param name="PersistentKeepaliveSeconds">Keepalive interval, 0 when off.</param>
/// <param name="LastHandshake">The last completed handshake, or null when none yet.</param>
/// <param name="RxBytes">Bytes received from the peer.</param>
/// <param name="TxBytes">Bytes sent to the peer.</param>
public sealed record WireGuardPeerState(
    WireGuardKey PublicKey,
    IPEndPoint? Endpoint,
    IReadOnlyList<IPNetwork> AllowedIps,
    ushort PersistentKeepaliveSeconds,
    DateTimeOffset? LastHandshake,
    long RxBytes,
    long TxBytes);
