using System.Net;
using System.Net.Sockets;
using Zos.Core.Farms;
using Zos.Core.Primitives;
using Zos.Core.Router;
using Zos.Lab.Scenarios;

namespace Zos.Lab.Topology;

/// <summary>
/// Lays out a whole farm (or several) as namespaces and veth cables, pure: no IO.
/// <code>
///   host (registry on 127.0.0.1 and 198.18.0.1) ── zl-inet ("internet": core bridge, masquerades toward the host)
///                                                     └─ wan ── zl-&lt;farm&gt;-rt (farm router: router-config files)
///                                                                └─ ports ── zl-&lt;farm&gt;-sw (one bridge per switch/VLAN)
///                                                                             ├─ zl-&lt;farm&gt;-boot (boot server)
///                                                                             └─ zl-&lt;farm&gt;-&lt;node&gt; (node NICs)
/// </code>
/// Lab-internal addresses come from 198.18.0.0/15 (RFC 2544 benchmarking) and 2001:db8:ffff::/64, so they
/// collide neither with the farms' documentation ranges nor with anything real.
/// </summary>
public static class LabPlanner
{
    public const string Prefix = "zl-";
    public const string InternetNamespace = "zl-inet";
    public const string HostLinkName = "zl-host";
    public const string CoreBridge = "core";

    public static InterfaceAddress HostAddress { get; } = InterfaceAddress.Parse("198.18.0.1/30");
    private static readonly InterfaceAddress s_internetHostSide = InterfaceAddress.Parse("198.18.0.2/30");
    private static readonly InterfaceAddress s_coreV4 = InterfaceAddress.Parse("198.18.1.254/24");
    private static readonly InterfaceAddress s_coreV6 = InterfaceAddress.Parse("2001:db8:ffff::fe/64");

    /// <summary>
    /// What lab nodes prove their route out against (zos-probe=): the internet namespace's core addresses on 443, where
    /// nothing listens. Its TCP reset answers, which is all a node needs, so a lab node never tries the real Internet's
    /// resolvers, and the registry's own port stays free to be closed in a scenario without reading as a network fault.
    /// IPv6 as ADDRESS.PORT: boot configurations refuse '[' in kernel arguments.
    /// </summary>
    public static string ProbeArgument { get; } = $"zos-probe={s_coreV4.Address}:443,{s_coreV6.Address}.443";

    /// <param name="options">Each node's lab options (VM or namespace, state disk, listed); null: every node a listed namespace.</param>
    public static LabPlan Plan(IReadOnlyList<FarmDefinition> farms, Func<FarmDefinition, FarmNode, LabNodeOptions>? options = null)
    {
        options ??= (_, _) => LabNodeOptions.Default;
        var taps = new List<LabTap>();
        var namespaces = new List<LabNamespace> { new(InternetNamespace, LabNamespaceRole.Internet) };
        var bridges = new List<LabBridge> { new(InternetNamespace, CoreBridge) };
        var veths = new List<LabVeth> { new(new LinkEnd(null, HostLinkName), new LinkEnd(InternetNamespace, "host")) };
        var hostUplink = new LabAddress(null, HostLinkName, HostAddress);
        var addresses = new List<LabAddress>
        {
            hostUplink,
            new(InternetNamespace, "host", s_internetHostSide),
            new(InternetNamespace, CoreBridge, s_coreV4),
            new(InternetNamespace, CoreBridge, s_coreV6),
        };
        var routes = new List<LabRoute>();
        var routers = new List<LabRouter>();
        var dhcp = new List<LabDhcpServer>();
        var nodes = new List<LabNode>();

        for (var i = 0; i < farms.Count; i++)
        {
            var farm = farms[i];
            var tag = Tag(farm.Name);
            var switchNs = $"{Prefix}{tag}-sw";
            namespaces.Add(new LabNamespace(switchNs, LabNamespaceRole.Switch, farm.Name));
            foreach (var segment in Segments(farm))
                bridges.Add(new LabBridge(switchNs, segment));

            if (farm.Router is { } router)
            {
                var routerNs = $"{Prefix}{tag}-rt";
                namespaces.Add(new LabNamespace(routerNs, LabNamespaceRole.Router, farm.Name));
                var wan4 = new InterfaceAddress(IpMath.FromUInt32(IpMath.ToUInt32(IPAddress.Parse("198.18.1.1")) + (uint)i), 24);
                var wan6 = new InterfaceAddress(IPAddress.Parse($"2001:db8:ffff::{i + 1:x}"), 64);
                veths.Add(new LabVeth(new LinkEnd(routerNs, RouterInterfaces.DefaultUplink), new LinkEnd(InternetNamespace, Short($"w{i}-{tag}"), Master: CoreBridge)));
                addresses.Add(new LabAddress(routerNs, RouterInterfaces.DefaultUplink, wan4));
                addresses.Add(new LabAddress(routerNs, RouterInterfaces.DefaultUplink, wan6));
                routes.Add(new LabRoute(routerNs, IPNetwork.Parse("0.0.0.0/0"), s_coreV4.Address));
                routes.Add(new LabRoute(routerNs, IPNetwork.Parse("::/0"), s_coreV6.Address));
                foreach (var prefix in RouterConfigGenerator.PublicPrefixes(farm))
                    routes.Add(new LabRoute(InternetNamespace, prefix, prefix.BaseAddress.AddressFamily == AddressFamily.InterNetwork ? wan4.Address : wan6.Address));
                foreach (var port in router.Ports)
                {
                    var segment = RouterInterfaces.SegmentName(port.Switch ?? "", port.Vlan);
                    veths.Add(new LabVeth(new LinkEnd(routerNs, RouterInterfaces.Default.For(port)), new LinkEnd(switchNs, Short("r-" + segment), Master: segment)));
                }
                routers.Add(new LabRouter(routerNs, farm.Name, RouterConfigGenerator.Generate(farm)));
            }

            if (farm.BootServer is { Address: { } bootAddress } boot)
            {
                var bootNs = $"{Prefix}{tag}-boot";
                namespaces.Add(new LabNamespace(bootNs, LabNamespaceRole.BootServer, farm.Name));
                veths.Add(new LabVeth(new LinkEnd(bootNs, "eth0"), new LinkEnd(switchNs, "boot", Master: RouterInterfaces.SegmentName(boot.Switch ?? "", boot.Vlan))));
                addresses.Add(new LabAddress(bootNs, "eth0", bootAddress));
                if (GatewayFor(farm, bootAddress.Address) is { } gateway)
                    routes.Add(new LabRoute(bootNs, IPNetwork.Parse("0.0.0.0/0"), gateway));
                if (DhcpFor(farm, bootNs, "eth0", isBootServer: !boot.ProxyDhcp, options) is { } server)
                    dhcp.Add(server);
            }
            else if (farm.Router is { } homeRouter && farm.Management?.Switch is { } mgmtSwitch
                     && homeRouter.Ports.FirstOrDefault(p => p.Switch == mgmtSwitch && p.Vlan == farm.Management.Vlan) is { } lanPort
                     && DhcpFor(farm, $"{Prefix}{tag}-rt", RouterInterfaces.Default.For(lanPort), isBootServer: false, options) is { } routerDhcp)
            {
                // A home farm: the router's own DHCP server hands out the LAN addresses.
                dhcp.Add(routerDhcp);
            }

            for (var j = 0; j < farm.Nodes.Count; j++)
            {
                var node = farm.Nodes[j];
                var nodeNs = $"{Prefix}{tag}-{Tag(node.Name)}";
                var nodeOptions = options(farm, node);
                if (nodeOptions.Kind == LabNodeKind.Vm)
                {
                    // A VM's NICs are taps on the same switch ports; the VM (qemu) runs in the switch namespace.
                    var nics = new List<LabVmNic>();
                    for (var k = 0; k < node.Nics.Count; k++)
                    {
                        var nic = node.Nics[k];
                        var tap = new LabTap(switchNs, Short($"t{j}-{nic.Name ?? $"eth{k}"}"), RouterInterfaces.SegmentName(nic.Switch ?? "", nic.Vlan));
                        taps.Add(tap);
                        nics.Add(new LabVmNic(tap.Name, nic.Mac ?? VmMac(i, j, k), nic == node.ManagementNic));
                    }
                    nodes.Add(new LabNode(nodeNs, farm, node) { Vm = new LabVm(switchNs, nics, nodeOptions.StateDisk), Listed = nodeOptions.Listed });
                    continue;
                }
                namespaces.Add(new LabNamespace(nodeNs, LabNamespaceRole.Node, farm.Name));
                for (var k = 0; k < node.Nics.Count; k++)
                {
                    var nic = node.Nics[k];
                    var name = nic.Name ?? $"eth{k}";
                    veths.Add(new LabVeth(new LinkEnd(nodeNs, name, nic.Mac),
                        new LinkEnd(switchNs, Short($"n{j}-{name}"), Master: RouterInterfaces.SegmentName(nic.Switch ?? "", nic.Vlan))));
                }
                nodes.Add(new LabNode(nodeNs, farm, node) { Listed = nodeOptions.Listed });
            }
        }

        return new LabPlan
        {
            Namespaces = namespaces,
            Bridges = bridges,
            Veths = veths,
            Taps = taps,
            Addresses = addresses,
            Routes = routes,
            Routers = routers,
            DhcpServers = dhcp,
            Nodes = nodes,
            HostUplink = hostUplink,
        };
    }

    /// <summary>Every segment (switch, or switch VLAN) something plugs into, as bridge names.</summary>
    private static IEnumerable<string> Segments(FarmDefinition farm)
    {
        var segments = farm.Nodes.SelectMany(n => n.Nics).Select(n => RouterInterfaces.SegmentName(n.Switch ?? "", n.Vlan))
            .Concat(farm.Router?.Ports.Select(p => RouterInterfaces.SegmentName(p.Switch ?? "", p.Vlan)) ?? [])
            .Concat(farm.BootServer is { } b ? [RouterInterfaces.SegmentName(b.Switch ?? "", b.Vlan)] : []);
        return segments.Where(s => s.Length > 0).Distinct(StringComparer.Ordinal);
    }

    private static LabDhcpServer? DhcpFor(FarmDefinition farm, string ns, string iface, bool isBootServer, Func<FarmDefinition, FarmNode, LabNodeOptions> options)
    {
        // The management network's DHCP, or on a flat farm the public segment's.
        if (farm.Management is { Subnet: { } subnet, DhcpRange: { } range, Gateway: { } gateway } mgmt)
        {
            var reservations = farm.Nodes
                .Where(n => n.ManagementNic?.Mac is not null && n.ManagementAddress is not null && options(farm, n).Listed)
                .ToDictionary(n => n.ManagementNic!.Mac!.Value, n => n.ManagementAddress!);
            return new LabDhcpServer(ns, iface, farm.Name, isBootServer, subnet, range.First, range.Last, gateway,
                mgmt.Dns.Count > 0 ? mgmt.Dns : [gateway], reservations);
        }
        if (farm.Public?.Ipv4.FirstOrDefault(s => s.DhcpRange is not null) is { Subnet: { } pubSubnet, DhcpRange: { } pubRange, Gateway: { } pubGateway })
            return new LabDhcpServer(ns, iface, farm.Name, isBootServer, pubSubnet, pubRange.First, pubRange.Last, pubGateway, [pubGateway],
                new Dictionary<MacAddress, IPAddress>());
        return null;
    }

    /// <summary>A locally administered MAC for a VM NIC the farm file gives none (02:5a:&lt;farm&gt;:&lt;node&gt;:&lt;nic&gt;).</summary>
    private static MacAddress VmMac(int farm, int node, int nic) =>
        new MacAddress((byte[])[0x02, 0x5a, (byte)farm, (byte)(node >> 8), (byte)node, (byte)nic]);

    private static IPAddress? GatewayFor(FarmDefinition farm, IPAddress address)
    {
        if (farm.Management is { Subnet: { } s, Gateway: { } g } && s.Contains(address))
            return g;
        return farm.Public?.Ipv4.FirstOrDefault(p => p.Subnet is { } ps && ps.Contains(address))?.Gateway;
    }

    /// <summary>A farm or node name reduced to [a-z0-9-] for namespace names.</summary>
    public static string Tag(string name)
    {
        var chars = name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray();
        return new string(chars).Trim('-');
    }

    private static string Short(string name) => name.Length <= 15 ? name : name[..15];
}
