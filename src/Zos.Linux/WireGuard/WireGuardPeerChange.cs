using System.Net;
using Zos.Core.Networks;

namespace Zos.Linux.WireGuard;

/// <summary>One peer's part of an update: removal, or only the fields that change (null = leave as is).</summary>
/// <param name="PublicKey">The peer.</param>
/// <param name="Remove">Remove the peer.</param>
/// <param name="Endpoint">A new endpoint, or null.</param>
/// <param name="PersistentKeepaliveSeconds">A new keepalive interval, or null.</param>
/// <param name="AllowedIps">A new allowed-IP list that replaces the old one, or null.</param>
public sealed record WireGuardPeerChange(WireGuardKey PublicKey, bool Remove, IPEndPoint? Endpoint, ushort? PersistentKeepaliveSeconds, IReadOnlyList<IPNetwork>? AllowedIps);
