namespace Zos.Core.Contracts;

/// <summary>One WireGuard peer a node must configure: public key, allowed IPs, endpoint ("host:port" or "[v6]:port", null when the peer is hidden) and keepalive seconds.</summary>
public sealed record PeerSpec(string PublicKey, IReadOnlyList<string> AllowedIps, string? Endpoint, int? PersistentKeepalive);
