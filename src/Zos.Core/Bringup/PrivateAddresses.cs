using System.Net;
using System.Net.Sockets;

namespace Zos.Core.Bringup;

/// <summary>
/// "Private" as the original's NIC choice means it (zos-networking.md §1.5): RFC 1918, link-local, loopback and
/// ULA. A NIC whose gateway is private (a NAT LAN) is preferred over one with a public gateway.
/// </summary>
public static class PrivateAddresses
{
    private static readonly IPNetwork[] s_ranges =
    [
        IPNetwork.Parse("10.0.0.0/8"),
        IPNetwork.Parse("172.16.0.0/12"),
        IPNetwork.Parse("192.168.0.0/16"),
        IPNetwork.Parse("169.254.0.0/16"),
        IPNetwork.Parse("127.0.0.0/8"),
        IPNetwork.Parse("::1/128"),
        IPNetwork.Parse("fe80::/10"),
        IPNetwork.Parse("fc00::/7"),
        IPNetwork.Parse("ff02::/16"),
        IPNetwork.Parse("224.0.0.0/24"),
    ];

    public static bool IsPrivate(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        return s_ranges.Any(r => r.BaseAddress.AddressFamily == address.AddressFamily && r.Contains(address));
    }

    /// <summary>A global unicast IPv6 address: not link-local, not ULA, not multicast, not loopback.</summary>
    public static bool IsGlobalIpv6(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetworkV6
        && !address.IsIPv6LinkLocal && !address.IsIPv6Multicast && !IPAddress.IsLoopback(address)
        && !IPNetwork.Parse("fc00::/7").Contains(address) && !address.Equals(IPAddress.IPv6Any);
}
