using System.Net;
using System.Net.Sockets;

namespace Zos.Core.Primitives;

/// <summary>
/// Classifies addresses for the registry's public-address rules (boot-and-registry.md §3.2). tfchain calls an
/// IPv4 address private when it is in valip's list (0/8, 10/8, 100.64/10, 127/8, 169.254/16, 172.16/12, 192.0.2/24,
/// 192.168/16, 198.18/15, 198.51.100/24, 203.0.113/24, 255.255.255.255) and unicast when its first octet is below
/// 224; IPv6 gets the equivalent special-purpose ranges of the IANA registry (RFC 6890).
/// </summary>
public static class AddressClassifier
{
    private static readonly (IPNetwork Range, AddressCategory Category)[] s_ipv4 =
    [
        (IPNetwork.Parse("0.0.0.0/8"), AddressCategory.Unspecified),
        (IPNetwork.Parse("10.0.0.0/8"), AddressCategory.Private),
        (IPNetwork.Parse("100.64.0.0/10"), AddressCategory.SharedAddressSpace),
        (IPNetwork.Parse("127.0.0.0/8"), AddressCategory.Loopback),
        (IPNetwork.Parse("169.254.0.0/16"), AddressCategory.LinkLocal),
        (IPNetwork.Parse("172.16.0.0/12"), AddressCategory.Private),
        (IPNetwork.Parse("192.0.2.0/24"), AddressCategory.Documentation),
        (IPNetwork.Parse("192.168.0.0/16"), AddressCategory.Private),
        (IPNetwork.Parse("198.18.0.0/15"), AddressCategory.Benchmarking),
        (IPNetwork.Parse("198.51.100.0/24"), AddressCategory.Documentation),
        (IPNetwork.Parse("203.0.113.0/24"), AddressCategory.Documentation),
        (IPNetwork.Parse("224.0.0.0/4"), AddressCategory.Multicast),
        (IPNetwork.Parse("240.0.0.0/4"), AddressCategory.Reserved),
    ];

    private static readonly (IPNetwork Range, AddressCategory Category)[] s_ipv6 =
    [
        (IPNetwork.Parse("::/128"), AddressCategory.Unspecified),
        (IPNetwork.Parse("::1/128"), AddressCategory.Loopback),
        (IPNetwork.Parse("100::/64"), AddressCategory.Discard),
        (IPNetwork.Parse("2001:2::/48"), AddressCategory.Benchmarking),
        (IPNetwork.Parse("2001:db8::/32"), AddressCategory.Documentation),
        (IPNetwork.Parse("3fff::/20"), AddressCategory.Documentation),
        (IPNetwork.Parse("fc00::/7"), AddressCategory.Private),
        (IPNetwork.Parse("fe80::/10"), AddressCategory.LinkLocal),
        (IPNetwork.Parse("ff00::/8"), AddressCategory.Multicast),
    ];

    /// <summary>The special-purpose blocks of one family with their category (everything else is <see cref="AddressCategory.Public"/>).</summary>
    public static IReadOnlyList<(IPNetwork Range, AddressCategory Category)> SpecialPurposeRanges(AddressFamily family) =>
        family == AddressFamily.InterNetwork ? s_ipv4 : s_ipv6;

    public static AddressCategory Classify(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            if (address.Equals(IPAddress.Broadcast))
                return AddressCategory.Reserved;
            foreach (var (range, category) in s_ipv4)
            {
                if (range.Contains(address))
                    return category;
            }
            return AddressCategory.Public;
        }
        // IPNetwork.Contains does not match mapped addresses against ::ffff:0:0/96, hence the property.
        if (address.IsIPv4MappedToIPv6)
            return AddressCategory.Ipv4Mapped;
        foreach (var (range, category) in s_ipv6)
        {
            if (range.Contains(address))
                return category;
        }
        return AddressCategory.Public;
    }

    /// <summary>
    /// tfchain's "unicast": for IPv4 the first octet is below 224 (so 240/4 and the broadcast address are not);
    /// for IPv6 anything but multicast and the unspecified address.
    /// </summary>
    public static bool IsUnicast(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetwork)
            return address.GetAddressBytes()[0] < 224;
        return Classify(address) is not AddressCategory.Multicast and not AddressCategory.Unspecified;
    }

    /// <summary>Public per the registry rules; documentation ranges count as public only when <paramref name="allowDocumentationRanges"/>.</summary>
    public static bool IsPublic(IPAddress address, bool allowDocumentationRanges = false) =>
        Classify(address) switch
        {
            AddressCategory.Public => true,
            AddressCategory.Documentation => allowDocumentationRanges,
            _ => false,
        };

    /// <summary>Private per the registry rules and Zero-OS's NIC selection: RFC 1918 / ULA, CGNAT, link-local, loopback.</summary>
    public static bool IsPrivate(IPAddress address) =>
        Classify(address) is AddressCategory.Private or AddressCategory.SharedAddressSpace or AddressCategory.LinkLocal or AddressCategory.Loopback;

    /// <summary>A short phrase for messages: "private (RFC 1918)", "a documentation address (RFC 5737)", ...</summary>
    public static string Describe(IPAddress address) => Classify(address) switch
    {
        AddressCategory.Public => "public",
        AddressCategory.Unspecified => "an unspecified address",
        AddressCategory.Loopback => "a loopback address",
        AddressCategory.Private when address.AddressFamily == AddressFamily.InterNetwork => "private (RFC 1918)",
        AddressCategory.Private => "a unique local address (RFC 4193, fc00::/7)",
        AddressCategory.SharedAddressSpace => "in the shared address space 100.64.0.0/10 (RFC 6598)",
        AddressCategory.LinkLocal => "link-local",
        AddressCategory.Documentation when address.AddressFamily == AddressFamily.InterNetwork => "a documentation address (RFC 5737)",
        AddressCategory.Documentation => "a documentation address (RFC 3849/9637)",
        AddressCategory.Benchmarking => "a benchmarking address (RFC 2544/5180)",
        AddressCategory.Multicast => "multicast",
        AddressCategory.Reserved => "reserved (240.0.0.0/4 or broadcast)",
        AddressCategory.Ipv4Mapped => "an IPv4-mapped IPv6 address",
        AddressCategory.Discard => "in the discard prefix 100::/64 (RFC 6666)",
        _ => "special-purpose",
    };
}
