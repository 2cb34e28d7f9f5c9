using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Zos.Core.Farms;
using Zos.Core.Nftables;
using Zos.Core.Primitives;

namespace Zos.Core.Router;

/// <summary>
/// Generates a farm router's configuration from the farm's registered data (pure: no IO). What the seed document
/// asks of the farm router: NAT for the management (OOB) network, the public IPv4 subnet and IPv6 prefix routed
/// onto the public segment, and router advertisements for the IPv6 prefix so nodes get SLAAC addresses.
/// </summary>
public static class RouterConfigGenerator
{
    /// <summary>Our nftables table on the router; replaced as a whole on every apply, other tables are left alone.</summary>
    public const string NatTable = "zos-farm";

    public static RouterConfigFiles Generate(FarmDefinition farm, RouterInterfaces? interfaces = null)
    {
        interfaces ??= RouterInterfaces.Default;
        var router = farm.Router ?? throw new ArgumentException($"farm '{farm.Name}' has no router section", nameof(farm));
        return new RouterConfigFiles(
            Nftables(farm, router, interfaces),
            Addresses(farm, router, interfaces),
            "net.ipv4.ip_forward = 1\nnet.ipv6.conf.all.forwarding = 1\n",
            Radvd(farm, router, interfaces))
        {
            VlanLinks = VlanLinks(farm, router, interfaces),
        };
    }

    /// <summary>
    /// The 802.1Q links (IEEE 802.1Q; kind "vlan", net/8021q) of the ports tagged on a trunk, each named as the port's
    /// interface: `ip link add` refuses a name that exists, so each is added only when missing, and an existing one is
    /// left as it is (its addresses stay).
    /// </summary>
    private static string? VlanLinks(FarmDefinition farm, FarmRouter router, RouterInterfaces interfaces)
    {
        var tagged = router.Ports.Where(p => p is { Trunk: not null, Vlan: not null }).ToList();
        if (tagged.Count == 0)
            return null;
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"#!/bin/sh\n# Farm {farm.Name}: the router's VLAN links on its trunks (sh {RouterConfigFiles.VlanLinksFile}, before ip -batch {RouterConfigFiles.AddressesFile})\nset -e\n");
        foreach (var trunk in tagged.Select(p => p.Trunk!).Distinct(StringComparer.Ordinal))
            sb.Append(CultureInfo.InvariantCulture, $"ip link set dev {trunk} up\n");
        foreach (var port in tagged)
        {
            var dev = interfaces.For(port);
            sb.Append(CultureInfo.InvariantCulture, $"ip link show dev {dev} >/dev/null 2>&1 || ip link add link {port.Trunk} name {dev} type vlan id {port.Vlan}\n");
        }
        return sb.ToString();
    }

    private static string Nftables(FarmDefinition farm, FarmRouter router, RouterInterfaces interfaces)
    {
        var rules = new List<NftRule>();
        if (router.Nat && farm.Management?.Subnet is { } oob)
        {
            // Masquerade the private management network toward the uplink only: public addresses are routed, not NATed.
            rules.Add(new NftRule([NftAddressMatch.Source(oob), NftInterfaceMatch.Out(interfaces.Uplink)], [new NftMasquerade()],
                $"NAT of the OOB network {oob} of farm {farm.Name}"));
        }
        var postrouting = new NftChain("postrouting", new NftBaseChain(NftChainType.Nat, NftHook.Postrouting, 100, NftPolicy.Accept), rules);
        var ruleset = new NftRuleset([new NftTable(NftFamily.Ip, NatTable, [postrouting])]);
        return $"# Farm {farm.Name}: NAT for the management network (zos farm router-config)\n" + NftRenderer.RenderTransaction(ruleset);
    }

    private static string Addresses(FarmDefinition farm, FarmRouter router, RouterInterfaces interfaces)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"# Farm {farm.Name}: router ports and routes (ip -batch addresses.ip)\n");
        foreach (var port in router.Ports)
        {
            var dev = interfaces.For(port);
            foreach (var address in new[] { port.Ipv4, port.Ipv6 }.OfType<InterfaceAddress>())
                sb.Append(CultureInfo.InvariantCulture, $"address replace {address} dev {dev}\n");
            sb.Append(CultureInfo.InvariantCulture, $"link set {dev} up\n");
        }
        // The whole public subnet and prefix go onto the public segment, also the part beyond the port's own /64.
        foreach (var prefix in PublicPrefixes(farm))
        {
            if (PortOnSegmentOf(farm, router, prefix) is { } port)
                sb.Append(CultureInfo.InvariantCulture, $"route replace {prefix} dev {interfaces.For(port)}\n");
        }
        return sb.ToString();
    }

    private static string? Radvd(FarmDefinition farm, FarmRouter router, RouterInterfaces interfaces)
    {
        if (!router.RouterAdvertisements)
            return null;
        var sb = new StringBuilder();
        foreach (var port in router.Ports.Where(p => p.Ipv6 is { } a && a.Address.AddressFamily == AddressFamily.InterNetworkV6))
        {
            var onLink = IpMath.NetworkOf(port.Ipv6!.Value.Address, 64);
            sb.Append(CultureInfo.InvariantCulture, $$"""
                interface {{interfaces.For(port)}}
                {
                    AdvSendAdvert on;
                    MinRtrAdvInterval 3;
                    MaxRtrAdvInterval 10;
                    AdvDefaultLifetime 1800;
                    prefix {{onLink}}
                    {
                        AdvOnLink on;
                        AdvAutonomous on;
                    };
                };

                """);
        }
        return sb.Length == 0 ? null : $"# Farm {farm.Name}: router advertisements for the public IPv6 prefix\n" + sb;
    }

    /// <summary>The public IPv4 subnets and IPv6 prefixes of the farm.</summary>
    public static IEnumerable<IPNetwork> PublicPrefixes(FarmDefinition farm) =>
        (farm.Public?.Ipv4.Select(s => s.Subnet) ?? []).Concat(farm.Public?.Ipv6.Select(p => p.Prefix) ?? []).OfType<IPNetwork>();

    private static RouterPort? PortOnSegmentOf(FarmDefinition farm, FarmRouter router, IPNetwork prefix) =>
        router.Ports.FirstOrDefault(p => string.Equals(p.Switch, farm.Public?.Switch, StringComparison.Ordinal) && p.Vlan == farm.Public?.Vlan
                                         && new[] { p.Ipv4, p.Ipv6 }.OfType<InterfaceAddress>().Any(a => a.Address.AddressFamily == prefix.BaseAddress.AddressFamily))
           ?? router.Ports.FirstOrDefault(p => new[] { p.Ipv4, p.Ipv6 }.OfType<InterfaceAddress>().Any(a => prefix.Contains(a.Address)));
}
