using System.Net;
using Zos.Core.Networks;

namespace Zos.Linux.WireGuard;

/// <summary>A desired peer.</summary>
/// <param name="PublicKey">The peer's public key.</param>
/// <param name="Endpoint">Where to send (null: wait for the peer to contact us; a learned endpoint is then kept).</param>
/// <param name="AllowedIps">Prefixes routed to and accepted from this peer.</param>
/// <param name="PersistentKeepaliveSeconds">Keepalive interval in seconds, 0 for off (Zero-OS uses 20 s).</param>
public sealed record WireGuardPeer(WireGuardKey PublicKey, IPEndPoint? Endpoint, IReadOnlyList<IPNetwork> AllowedIps, ushort PersistentKeepaliveSeconds = 0);
