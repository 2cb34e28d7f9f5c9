namespace Zos.Core.Contracts;

/// <summary>
/// A node's public configuration, set by the farm owner (boot-and-registry.md §3.1): IPv4 required, IPv6 and a
/// domain optional. The node builds the <c>public</c> namespace from it.
/// </summary>
public sealed record PublicConfig(PublicIpConfig Ipv4, PublicIpConfig? Ipv6 = null, string? Domain = null);
