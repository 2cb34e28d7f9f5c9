using System.Net;
using System.Net.Sockets;
using Zos.Core.Primitives;

namespace Zos.Core.Naming;

/// <summary>
/// Addresses of the link between ndmz ("tonrs") and the network resources ("public" in each n-&lt;netid&gt;),
/// zos-networking.md §2.3-2.4: IPv4 100.127.0.0/16 with gateway .0.1 and pool .0.2-.255.254, IPv6 fd00::/64
/// with gateway fe80::1 and each resource at fd00::xxyy built from the last two octets of its IPv4 lease.
/// </summary>
public static class NdmzLink
{
    public const int Ipv4PrefixLength = 16;
    public const int Ipv6PrefixLength = 64;

    /// <summary>tonrs's IPv4 address and the resources' default gateway.</summary>
    public static IPAddress Gateway4 { get; } = IPAddress.Parse("100.127.0.1");

    /// <summary>tonrs's link-local address, the resources' IPv6 default gateway.</summary>
    public static IPAddress Gateway6 { get; } = IPAddress.Parse("fe80::1");

    /// <summary>tonrs's address on fd00::/64.</summary>
    public static IPAddress TonrsUla { get; } = IPAddress.Parse("fd00::1");

    public static IPAddress PoolStart { get; } = IPAddress.Parse("100.127.0.2");

    public static IPAddress PoolEnd { get; } = IPAddress.Parse("100.127.255.254");

    /// <summary>The three addresses of tonrs: 100.127.0.1/16, fe80::1/64, fd00::1/64.</summary>
    public static IReadOnlyList<InterfaceAddress> TonrsAddresses { get; } =
    [
        new(Gateway4, Ipv4PrefixLength),
        new(Gateway6, Ipv6PrefixLength),
        new(TonrsUla, Ipv6PrefixLength),
    ];

    /// <summary>
    /// The IPv6 of a resource on the link: "fd00::%02x%02x" of octets 3 and 4 of its IPv4 lease
    /// (100.127.1.5 gives fd00::105, 100.127.0.2 gives fd00::2).
    /// </summary>
    public static IPAddress Ipv6ForLease(IPAddress lease)
    {
        if (lease.AddressFamily != AddressFamily.InterNetwork)
            throw new ArgumentException($"lease {lease} is not IPv4", nameof(lease));
        var b = lease.GetAddressBytes();
        var bytes = new byte[16];
        bytes[0] = 0xfd;
        bytes[14] = b[2];
        bytes[15] = b[3];
        return new IPAddress(bytes);
    }
}
