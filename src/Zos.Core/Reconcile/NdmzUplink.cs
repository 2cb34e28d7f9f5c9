using System.Net;
using Zos.Core.Primitives;

namespace Zos.Core.Reconcile;

/// <summary>
/// The veth pair that carries network-resource egress from ndmz to the host namespace, where it is masqueraded to the
/// node's own zos address. It replaces the original's npub4/npub6 macvlans and their second DHCP lease on the farm's
/// management network, which MAC-filtered farm DHCP refuses (zos#2010). The transit link uses IPv4 link-local
/// addresses (RFC 3927, never routed off the link) and fixed IPv6 link-local next hops, so it can collide with no
/// farm or user prefix. The IPv6 next hops are not fe80::1, which tonrs already holds in ndmz (the kernel refuses a
/// gateway that is a local address).
/// </summary>
public static class NdmzUplink
{
    /// <summary>The host end of the pair.</summary>
    public const string HostLink = "tondmz";

    /// <summary>The ndmz end of the pair.</summary>
    public const string NdmzLink = "tohost";

    public const int Ipv4PrefixLength = 30;

    public const int Ipv6PrefixLength = 64;

    public static IPAddress Host4 { get; } = IPAddress.Parse("169.254.127.1");

    public static IPAddress Ndmz4 { get; } = IPAddress.Parse("169.254.127.2");

    public static IPAddress Host6 { get; } = IPAddress.Parse("fe80::127:1");

    public static IPAddress Ndmz6 { get; } = IPAddress.Parse("fe80::127:2");

    /// <summary>What ndmz forwards from the network resources: their leases (100.127.0.0/16) and ULAs (fd00::/64); the host routes these back to ndmz and masquerades them.</summary>
    public static IReadOnlyList<IPNetwork> UserNetworkSources { get; } = [IPNetwork.Parse("100.127.0.0/16"), IPNetwork.Parse("fd00::/64")];

    public static IReadOnlyList<InterfaceAddress> HostAddresses { get; } = [new(Host4, Ipv4PrefixLength), new(Host6, Ipv6PrefixLength)];

    public static IReadOnlyList<InterfaceAddress> NdmzAddresses { get; } = [new(Ndmz4, Ipv4PrefixLength), new(Ndmz6, Ipv6PrefixLength)];

    /// <summary>
    /// The farm management prefixes user networks must not reach: every prefix of the uplink's addresses except
    /// link-local ones (they are not forwarded anyway). Pure: the caller passes the uplink's addresses.
    /// </summary>
    public static IReadOnlyList<IPNetwork> ManagementPrefixes(IEnumerable<InterfaceAddress> uplinkAddresses)
    {
        ArgumentNullException.ThrowIfNull(uplinkAddresses);
        return [.. uplinkAddresses
            .Where(a => !a.Address.IsIPv6LinkLocal && !IsIpv4LinkLocal(a.Address))
            .Select(a => a.Network)
            .Distinct()];
    }

    private static bool IsIpv4LinkLocal(IPAddress a) =>
        a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && a.GetAddressBytes() is [169, 254, ..];
}
