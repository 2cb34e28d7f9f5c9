using System.Net;

namespace Zos.Core.Networks;

/// <summary>
/// One member of a user network: a node's network resource or a user-access client. Reachability is given by
/// the public endpoints the member's WireGuard socket answers on (zos-networking.md §6.2): a node without any
/// is hidden and can only dial out.
/// </summary>
public sealed record NetworkMember
{
    /// <summary>Unique within the network: the node id, or a name for a user-access member.</summary>
    public required string Id { get; init; }

    public NetworkMemberKind Kind { get; init; } = NetworkMemberKind.Node;

    /// <summary>The member's /24 inside the network range; null until <see cref="SubnetAllocator"/> assigns one.</summary>
    public IPNetwork? Subnet { get; init; }

    /// <summary>WireGuard public key, base64 of 32 bytes (the private key never leaves the member).</summary>
    public required string PublicKey { get; init; }

    /// <summary>WireGuard listen port; required for nodes, 0 (let the kernel pick) allowed for user access.</summary>
    public int ListenPort { get; init; }

    /// <summary>Public IPv4 the member's WireGuard socket answers on, if any.</summary>
    public IPAddress? PublicIPv4 { get; init; }

    /// <summary>Public IPv6 the member's WireGuard socket answers on, if any.</summary>
    public IPAddress? PublicIPv6 { get; init; }

    /// <summary>Version of the member's configuration; bumped when its key, port or endpoints change.</summary>
    public long Version { get; init; }

    /// <summary>A member nobody can dial: a node without public endpoints, or any user-access client.</summary>
    public bool IsHidden => Kind == NetworkMemberKind.UserAccess || (PublicIPv4 is null && PublicIPv6 is null);
}
