namespace Zos.Core.Primitives;

/// <summary>What an IP address is for, as far as "can this be a farm's public address" is concerned.</summary>
public enum AddressCategory
{
    /// <summary>Globally routable unicast.</summary>
    Public,
    /// <summary>0.0.0.0/8 ("this network", RFC 791) and :: (unspecified).</summary>
    Unspecified,
    Loopback,
    /// <summary>RFC 1918 IPv4 and unique local IPv6 fc00::/7 (RFC 4193).</summary>
    Private,
    /// <summary>100.64.0.0/10, carrier-grade NAT (RFC 6598); Zero-OS uses it for WireGuard and the ndmz link.</summary>
    SharedAddressSpace,
    /// <summary>169.254.0.0/16 and fe80::/10.</summary>
    LinkLocal,
    /// <summary>192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24 (RFC 5737), 2001:db8::/32 (RFC 3849), 3fff::/20 (RFC 9637).</summary>
    Documentation,
    /// <summary>198.18.0.0/15 (RFC 2544) and 2001:2::/48 (RFC 5180).</summary>
    Benchmarking,
    /// <summary>224.0.0.0/4 and ff00::/8.</summary>
    Multicast,
    /// <summary>240.0.0.0/4 (future use, RFC 1112) and 255.255.255.255.</summary>
    Reserved,
    /// <summary>IPv4-mapped IPv6 (::ffff:0:0/96): an IPv4 address written as IPv6, never configured on a link.</summary>
    Ipv4Mapped,
    /// <summary>100::/64, the IPv6 discard prefix (RFC 6666).</summary>
    Discard,
}
