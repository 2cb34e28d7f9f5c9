using System.Net;
using Zos.Core.Naming;

namespace Zos.Core.Networks;

/// <summary>
/// A user's private network spanning nodes (zos-networking.md §4.1): an IPv4 range (a /16, as Zero-OS's
/// wgIP derivation assumes) split into one /24 per member, joined by a WireGuard mesh.
/// </summary>
public sealed record UserNetwork
{
    /// <summary>The owner (twin id in Zero-OS); part of the NetID.</summary>
    public required string Owner { get; init; }

    /// <summary>The network name; part of the NetID.</summary>
    public required string Name { get; init; }

    /// <summary>The whole network, e.g. 10.20.0.0/16.</summary>
    public required IPNetwork IpRange { get; init; }

    /// <summary>The member the user wants as access node; null lets the mesh choose.</summary>
    public string? AccessNodeId { get; init; }

    /// <summary>
    /// The access node chosen before, kept while it can still serve: user-access members hold a static wg-quick file
    /// that names it, so a better-ranked member reporting later must not move the access role away from it. Unlike
    /// <see cref="AccessNodeId"/>, one that can no longer serve is silently replaced by the mesh's own choice.
    /// </summary>
    public string? PreferredAccessNodeId { get; init; }

    public required IReadOnlyList<NetworkMember> Members { get; init; }

    public NetId NetId => NetId.Derive(Owner, Name);
}
