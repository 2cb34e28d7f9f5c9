using System.Net;
using System.Net.Sockets;

namespace Zos.Core.Networks;

/// <summary>
/// Whether an address can be a member's public WireGuard endpoint. Mirrors tfgrid-sdk-go's GetNodeEndpoint
/// (zos-networking.md §6.2): global unicast and not private. Documentation ranges (RFC 5737, RFC 3849) are
/// accepted because labs and tests use them as stand-ins for public addresses.
/// </summary>
public static class PublicEndpointAddress
{
    private static readonly IPNetwork[] s_notPublic4 =
    [
        IPNetwork.Parse("0.0.0.0/8"),       // "this network" (RFC 1122)
        IPNetwork.Parse("10.0.0.0/8"),      // RFC 1918
        IPNetwork.Parse("100.64.0.0/10"),   // shared address space (RFC 6598)
        IPNetwork.Parse("127.0.0.0/8"),     // loopback
        IPNetwork.Parse("169.254.0.0/16"),  // link local (RFC 3927)
        IPNetwork.Parse("172.16.0.0/12"),   // RFC 1918
        IPNetwork.Parse("192.168.0.0/16"),  // RFC 1918
        IPNetwork.Parse("224.0.0.0/4"),     // multicast
        IPNetwork.Parse("240.0.0.0/4"),     // reserved and broadcast
    ];

    private static readonly IPNetwork[] s_notPublic6 =
    [
        IPNetwork.Parse("::/127"),          // unspecified and loopback
        IPNetwork.Parse("::ffff:0:0/96"),   // IPv4-mapped: write the IPv4 field instead
        IPNetwork.Parse("fc00::/7"),        // unique local (RFC 4193)
        IPNetwork.Parse("fe80::/10"),       // link local
        IPNetwork.Parse("ff00::/8"),        // multicast
    ];

    /// <summary>Null when <paramref name="address"/> is a usable public endpoint of <paramref name="family"/>, else why not.</summary>
    public static string? Problem(IPAddress address, AddressFamily family)
    {
        if (address.AddressFamily != family)
            return $"{address} is not an {(family == AddressFamily.InterNetwork ? "IPv4" : "IPv6")} address";
        var ranges = family == AddressFamily.InterNetwork ? s_notPublic4 : s_notPublic6;
        foreach (var range in ranges)
        {
            if (range.Contains(address))
                return $"{address} is not a public unicast address (it is in {range})";
        }

        return null;
    }
}
