using System.Net;
using Xunit;
using Zos.Core.Farms;
using Zos.Core.Primitives;
using Zos.Core.Validation;

namespace Zos.Core.Tests.Farms;

/// <summary>Each farm rule with a failing and a passing case, starting from the valid data-centre example.</summary>
public class FarmCheckerTests
{
    private static readonly FarmDefinition s_dc = ExampleFarms.Load("dc-farm");
    private static readonly FarmDefinition s_flat = ExampleFarms.Load("flat-farm");
    private static readonly FarmDefinition s_vlan = ExampleFarms.Load("vlan-farm");

    private static string[] Errors(FarmDefinition farm, FarmCheckOptions? options = null) =>
        [.. FarmChecker.Check(farm, options ?? FarmCheckOptions.AllowDocumentationRanges).Where(e => e.IsError).Select(e => $"{e.Path}: {e.Message}")];

    private static string[] Warnings(FarmDefinition farm) =>
        [.. FarmChecker.Check(farm, FarmCheckOptions.AllowDocumentationRanges).Where(e => !e.IsError).Select(e => $"{e.Path}: {e.Message}")];

    private static FarmDefinition WithNode(FarmDefinition farm, int index, Func<FarmNode, FarmNode> change) =>
        farm with { Nodes = [.. farm.Nodes.Select((n, i) => i == index ? change(n) : n)] };

    private static FarmNode WithNic(FarmNode node, int index, Func<FarmNic, FarmNic> change) =>
        node with { Nics = [.. node.Nics.Select((n, i) => i == index ? change(n) : n)] };

    private static FarmDefinition WithPublicIpv4(FarmDefinition farm, Func<PublicIpv4Subnet, PublicIpv4Subnet> change) =>
        farm with { Public = farm.Public! with { Ipv4 = [change(farm.Public.Ipv4[0])] } };

    private static FarmDefinition WithManagement(FarmDefinition farm, Func<ManagementNetwork, ManagementNetwork> change) =>
        farm with { Management = change(farm.Management!) };

    [Fact]
    public void Check_Baselines_NoErrors()
    {
        Assert.Empty(Errors(s_dc));
        Assert.Empty(Errors(s_flat));
        Assert.Empty(Errors(s_vlan));
    }

    // Farm name: 3-40 characters of [A-Za-z0-9_-] (tfchain farm.rs).
    [Theory]
    [InlineData("ab", "name: 'ab' is 2 characters long; a farm name has 3 to 40")]
    [InlineData("my farm", "name: 'my farm' contains ' '; a farm name has only letters, digits, '_' and '-'")]
    [InlineData("farm.one", "name: 'farm.one' contains '.'; a farm name has only letters, digits, '_' and '-'")]
    [InlineData("abcdefghijabcdefghijabcdefghijabcdefghijX", "name: 'abcdefghijabcdefghijabcdefghijabcdefghijX' is 41 characters long; a farm name has 3 to 40")]
    public void Check_BadName_Error(string name, string expected) => Assert.Equal([expected], Errors(s_dc with { Name = name }));

    [Theory]
    [InlineData("abc")]
    [InlineData("My_Farm-01")]
    [InlineData("abcdefghijabcdefghijabcdefghijabcdefghij")]
    public void Check_GoodName_Passes(string name) => Assert.Empty(Errors(s_dc with { Name = name }));

    [Fact]
    public void Check_FarmIdZero_Error() => Assert.Equal(["id: 0 is not a farm id (farm ids start at 1)"], Errors(s_dc with { Id = 0 }));

    // IPv6: a /64 at least, a /48 advised.
    [Fact]
    public void Check_Ipv6LongerThan64_Error()
    {
        var farm = s_dc with { Public = s_dc.Public! with { Ipv6 = [new PublicIpv6Prefix { Prefix = IPNetwork.Parse("2001:db8:100::/80") }] } };
        Assert.Equal(["public.ipv6[0].prefix: 2001:db8:100::/80 is longer than /64; nodes need at least a /64 for SLAAC"], Errors(farm));
    }

    [Fact]
    public void Check_Ipv6Slash64_WarnsToAdviseSlash48()
    {
        var farm = s_dc with { Public = s_dc.Public! with { Ipv6 = [new PublicIpv6Prefix { Prefix = IPNetwork.Parse("2001:db8:100::/64") }] } };
        Assert.Empty(Errors(farm));
        Assert.Contains("public.ipv6[0].prefix: 2001:db8:100::/64 is enough for the nodes; a /48 is advised to provide IPv6 transit", Warnings(farm));
        Assert.DoesNotContain(Warnings(s_dc), w => w.Contains("advised", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_Ipv6PrefixNotPublic_Error()
    {
        var farm = s_dc with { Public = s_dc.Public! with { Ipv6 = [new PublicIpv6Prefix { Prefix = IPNetwork.Parse("fd12:3456::/48") }] } };
        Assert.Equal(["public.ipv6[0].prefix: fd12:3456::/48 is a unique local address (RFC 4193, fc00::/7), outside global unicast 2000::/3; a farm's IPv6 prefix is global unicast",
            "nodes[0].public_config.ipv6: 2001:db8:100::11 is not in any of the farm's IPv6 prefixes (fd12:3456::/48)",
            "nodes[1].public_config.ipv6: 2001:db8:100::12 is not in any of the farm's IPv6 prefixes (fd12:3456::/48)"], Errors(farm));
    }

    // Without IPv6: at least one usable public IPv4 per node (network, broadcast, gateway not counted).
    [Fact]
    public void Check_NoIpv6AndTooFewIpv4_Error()
    {
        var farm = s_dc with
        {
            Public = s_dc.Public! with
            {
                Ipv6 = [],
                Ipv4 = [s_dc.Public.Ipv4[0] with { Addresses = [AddressRange.TryParse("203.0.113.11-203.0.113.12", out var r) ? r : default] }],
            },
            Nodes = [.. s_dc.Nodes.Select(n => n with { PublicConfig = null })],
        };
        Assert.Equal(["public.ipv4: 2 usable public IPv4 addresses for 3 nodes; without an IPv6 prefix every node needs one (network, broadcast, gateway and DHCP pool not counted)"], Errors(farm));
    }

    [Fact]
    public void Check_NoIpv6ButSlash30_CountsOnlyHostsNotGateway()
    {
        // 203.0.113.0/30: hosts .1 and .2, .1 is the gateway: one usable address for one node passes, two nodes fail.
        var farm = s_dc with
        {
            Public = s_dc.Public! with { Ipv6 = [], Ipv4 = [new PublicIpv4Subnet { Subnet = IPNetwork.Parse("203.0.113.0/30"), Gateway = IPAddress.Parse("203.0.113.1") }] },
            Nodes = [.. s_dc.Nodes.Take(1).Select(n => n with { PublicConfig = null })],
        };
        Assert.Empty(Errors(farm));
        var two = farm with { Nodes = [.. s_dc.Nodes.Take(2).Select(n => n with { PublicConfig = null })] };
        Assert.Contains("public.ipv4: 1 usable public IPv4 addresses for 2 nodes; without an IPv6 prefix every node needs one (network, broadcast, gateway and DHCP pool not counted)", Errors(two));
    }

    [Fact]
    public void Check_PublicWithNothing_Error()
    {
        var farm = s_dc with { Public = s_dc.Public! with { Ipv4 = [], Ipv6 = [] }, Nodes = [.. s_dc.Nodes.Select(n => n with { PublicConfig = null })] };
        Assert.Equal(["public: needs an IPv6 prefix (ipv6) or an IPv4 subnet with a public address per node (ipv4)"], Errors(farm));
    }

    [Fact]
    public void Check_NoPublicNetwork_WarnsHidden()
    {
        var home = ExampleFarms.Load("home-farm");
        Assert.Empty(Errors(home));
        Assert.Equal(["public: no public network: every node is hidden behind NAT, reachable only through another farm's access node"], Warnings(home));
    }

    // Gateways inside their subnets and not assigned.
    [Fact]
    public void Check_PublicGatewayOutsideSubnet_Error() =>
        Assert.Contains("public.ipv4[0].gateway: gateway 198.51.100.1 is not inside 203.0.113.0/24",
            Errors(WithPublicIpv4(s_dc, s => s with { Gateway = IPAddress.Parse("198.51.100.1") })));

    [Fact]
    public void Check_PublicGatewayIsBroadcast_Error() =>
        Assert.Contains("public.ipv4[0].gateway: gateway 203.0.113.255 is the broadcast address of 203.0.113.0/24",
            Errors(WithPublicIpv4(s_dc, s => s with { Gateway = IPAddress.Parse("203.0.113.255") })));

    [Fact]
    public void Check_GatewayInAssignableAddresses_Error()
    {
        AddressRange.TryParse("203.0.113.1-203.0.113.20", out var range);
        Assert.Contains("public.ipv4[0].addresses[0]: 203.0.113.1-203.0.113.20 contains the gateway 203.0.113.1; the gateway cannot be assigned",
            Errors(WithPublicIpv4(s_dc, s => s with { Addresses = [range] })));
    }

    [Fact]
    public void Check_AssignableOutsideSubnet_Error()
    {
        AddressRange.TryParse("203.0.114.10-203.0.114.20", out var range);
        Assert.Contains("public.ipv4[0].addresses[0]: 203.0.114.10-203.0.114.20 is not inside 203.0.113.0/24",
            Errors(WithPublicIpv4(s_dc, s => s with { Addresses = [range] })));
    }

    [Fact]
    public void Check_ManagementGatewayOutside_Error() =>
        Assert.Contains("management.gateway: gateway 10.20.0.1 is not inside 10.10.0.0/24",
            Errors(WithManagement(s_dc, m => m with { Gateway = IPAddress.Parse("10.20.0.1") })));

    // Public addresses public and unicast (registry rules).
    [Fact]
    public void Check_PublicSubnetPrivate_Error()
    {
        var farm = WithPublicIpv4(s_dc, s => s with { Subnet = IPNetwork.Parse("192.168.50.0/24"), Gateway = IPAddress.Parse("192.168.50.1"), Addresses = [] });
        Assert.Contains("public.ipv4[0].subnet: 192.168.50.0/24 is private (RFC 1918); a public subnet is required", Errors(farm));
    }

    [Fact]
    public void Check_DocumentationRanges_StrictErrorLabWarning()
    {
        Assert.Contains("public.ipv4[0].subnet: 203.0.113.0/24 is a documentation address (RFC 5737); a public subnet is required", Errors(s_dc, FarmCheckOptions.Strict));
        Assert.Contains("public.ipv4[0].subnet: 203.0.113.0/24 is a documentation address (RFC 5737), not routable on the Internet (accepted for labs and examples only)", Warnings(s_dc));
    }

    [Fact]
    public void Check_RealPublicAddresses_StrictPasses()
    {
        var farm = ExampleFarms.Load("home-farm") with
        {
            Public = new PublicNetwork { Ipv6 = [new PublicIpv6Prefix { Prefix = IPNetwork.Parse("2a02:1802:5e::/48") }] },
        };
        Assert.Empty(Errors(farm, FarmCheckOptions.Strict));
    }

    // Node MACs well formed and unique.
    [Fact]
    public void Check_DuplicateMac_Error()
    {
        var farm = WithNode(s_dc, 1, n => WithNic(n, 0, nic => nic with { Mac = s_dc.Nodes[0].Nics[0].Mac }));
        Assert.Equal(["nodes[1].nics[0].mac: 52:54:00:10:00:01 is already used by nodes[0].nics[0] (node 'node1')"], Errors(farm));
    }

    [Fact]
    public void Check_MulticastMac_Error()
    {
        var farm = WithNode(s_dc, 0, n => WithNic(n, 1, nic => nic with { Mac = MacAddress.Parse("33:33:00:00:00:01") }));
        Assert.Equal(["nodes[0].nics[1].mac: 33:33:00:00:00:01 is a multicast (group) address; a NIC has a unicast MAC"], Errors(farm));
    }

    [Fact]
    public void Check_ZeroMac_Error()
    {
        var farm = WithNode(s_dc, 0, n => WithNic(n, 1, nic => nic with { Mac = MacAddress.Zero }));
        Assert.Equal(["nodes[0].nics[1].mac: 00:00:00:00:00:00 is not a NIC's MAC address"], Errors(farm));
    }

    [Fact]
    public void CheckText_MalformedMac_ErrorWithLine()
    {
        var text = ExampleFarms.Text("dc-farm").Replace("mac: 52:54:00:10:00:02", "mac: 52:54:00:10:00", StringComparison.Ordinal);
        var report = FarmChecker.CheckText(text, FarmCheckOptions.AllowDocumentationRanges);
        var error = Assert.Single(report.Errors);
        Assert.Equal("error: nodes[1].nics[0].mac (line 82): '52:54:00:10:00' is not a MAC address (expected six hex bytes, e.g. 52:54:00:12:34:56)", error.ToString());
    }

    [Fact]
    public void Check_DuplicateNodeName_Error() =>
        Assert.Equal(["nodes[1].name: 'node1' is already the name of nodes[0]"], Errors(WithNode(s_dc, 1, n => n with { Name = "node1" })));

    // Multi-NIC nodes need a private management plan.
    [Fact]
    public void Check_MultiNicWithoutManagement_Error()
    {
        var farm = s_dc with { Management = null, Nodes = [.. s_dc.Nodes.Select(n => n with { ManagementAddress = null })] };
        Assert.Contains("management: is required: node 'node1' has several NICs and needs a private management network (subnet, gateway, dhcp_range)", Errors(farm));
    }

    [Fact]
    public void Check_MultiNicWithoutDhcpRange_Error() =>
        Assert.Equal(["management.dhcp_range: is required: node 'node1' has several NICs and boots on the management network by DHCP"],
            Errors(WithManagement(s_dc, m => m with { DhcpRange = null })));

    [Fact]
    public void Check_ManagementSubnetPublic_Error()
    {
        var farm = WithManagement(s_dc, m => m with { Subnet = IPNetwork.Parse("198.51.100.0/24"), Gateway = IPAddress.Parse("198.51.100.1"), DhcpRange = null });
        Assert.Contains("management.subnet: 198.51.100.0/24 is not a private subnet (RFC 1918); the management network is private and NATed by the router", Errors(farm));
    }

    [Fact]
    public void Check_DhcpRangeContainsGateway_Error()
    {
        AddressRange.TryParse("10.10.0.1-10.10.0.50", out var range);
        Assert.Equal(["management.dhcp_range: 10.10.0.1-10.10.0.50 contains the gateway 10.10.0.1",
            "boot_server.address: 10.10.0.2 is inside the DHCP range 10.10.0.1-10.10.0.50",
            "nodes[0].management_address: 10.10.0.11 is inside the DHCP range 10.10.0.1-10.10.0.50; reservations must be outside the dynamic pool",
            "nodes[1].management_address: 10.10.0.12 is inside the DHCP range 10.10.0.1-10.10.0.50; reservations must be outside the dynamic pool",
            "nodes[2].management_address: 10.10.0.13 is inside the DHCP range 10.10.0.1-10.10.0.50; reservations must be outside the dynamic pool"],
            Errors(WithManagement(s_dc, m => m with { DhcpRange = range })));
    }

    [Fact]
    public void Check_DhcpRangeOutsideSubnet_Error()
    {
        AddressRange.TryParse("10.10.1.10-10.10.1.50", out var range);
        Assert.Equal(["management.dhcp_range: 10.10.1.10-10.10.1.50 is not inside the management subnet 10.10.0.0/24"],
            Errors(WithManagement(s_dc, m => m with { DhcpRange = range })));
    }

    [Fact]
    public void Check_ReservationIsGatewayOrDuplicate_Error()
    {
        var farm = WithNode(WithNode(s_dc, 0, n => n with { ManagementAddress = IPAddress.Parse("10.10.0.1") }), 2, n => n with { ManagementAddress = IPAddress.Parse("10.10.0.12") });
        Assert.Equal(["nodes[0].management_address: 10.10.0.1 is the management gateway",
            "nodes[2].management_address: 10.10.0.12 is already reserved for node 'node2'"], Errors(farm));
    }

    [Fact]
    public void Check_ReservationIsBootServer_Error() =>
        Assert.Equal(["nodes[0].management_address: 10.10.0.2 is the boot server's address"],
            Errors(WithNode(s_dc, 0, n => n with { ManagementAddress = IPAddress.Parse("10.10.0.2") })));

    [Fact]
    public void Check_MultiNicWithoutReservation_Warns()
    {
        var farm = WithNode(s_dc, 0, n => n with { ManagementAddress = null });
        Assert.Empty(Errors(farm));
        Assert.Contains("nodes[0].management_address: not set: node 'node1' gets a dynamic management address; a reservation keeps it stable", Warnings(farm));
    }

    [Fact]
    public void Check_BootServerInDhcpRange_Error() =>
        Assert.Equal(["boot_server.address: 10.10.0.150 is inside the DHCP range 10.10.0.100-10.10.0.199"],
            Errors(s_dc with { BootServer = s_dc.BootServer! with { Address = InterfaceAddress.Parse("10.10.0.150/24") } }));

    // VLANs: 1-4094, and distinct on a single switch.
    [Theory]
    [InlineData(0)]
    [InlineData(4095)]
    public void Check_VlanOutOfRange_Error(int vlan) =>
        Assert.Contains($"management.vlan: {vlan} is not a VLAN id: expected 1 to 4094",
            Errors(s_vlan with { Management = s_vlan.Management! with { Vlan = vlan } }));

    [Fact]
    public void Check_SingleSwitchSameVlan_Error() =>
        Assert.Contains("public.vlan: VLAN 10 is also the management network's VLAN on switch 'core'; they must differ",
            Errors(s_vlan with { Public = s_vlan.Public! with { Vlan = 10 } }));

    [Fact]
    public void Check_SingleSwitchMissingVlan_Error() =>
        Assert.Contains("public.vlan: is required: the management and public networks share switch 'core' and need distinct VLANs",
            Errors(s_vlan with { Public = s_vlan.Public! with { Vlan = null } }));

    [Fact]
    public void Check_RouterTrunk_NeedsAVlanAndAnInterfaceName()
    {
        var ports = s_vlan.Router!.Ports;
        Assert.Empty(Errors(s_vlan with { Router = s_vlan.Router with { Ports = [.. ports.Select(p => p with { Trunk = "eno1" })] } }));
        Assert.Contains("router.ports[0].trunk: 'eno1' tags a VLAN on a trunk, but the port names no vlan",
            Errors(s_vlan with { Router = s_vlan.Router with { Ports = [ports[0] with { Trunk = "eno1", Vlan = null }, ports[1]] } }));
        Assert.Contains("router.ports[1].trunk: 'eno 1' is not an interface name (1 to 15 characters, no '/', ':', quotes or whitespace)",
            Errors(s_vlan with { Router = s_vlan.Router with { Ports = [ports[0], ports[1] with { Trunk = "eno 1" }] } }));
    }

    [Fact]
    public void Check_TwoSwitchesSameVlan_Passes() =>
        Assert.Empty(Errors(s_dc with { Management = s_dc.Management! with { Vlan = 5 }, Public = s_dc.Public! with { Vlan = 5 } } is var f
            ? f with { Router = f.Router! with { Ports = [.. f.Router.Ports.Select(p => p with { Vlan = 5 })] } } : f));

    [Fact]
    public void Check_NicPortInWrongVlan_Error() =>
        Assert.Equal(["nodes[0].nics[1].vlan: the port is in VLAN 10 but the public network is VLAN 20"],
            Errors(WithNode(s_vlan, 0, n => WithNic(n, 1, nic => nic with { Vlan = 10 }))));

    [Fact]
    public void Check_TrunkPortWithoutVlanPriv_Error()
    {
        var trunk = WithNode(s_vlan, 0, n => WithNic(n, 0, nic => nic with { Vlan = null, Tagged = [10] }));
        Assert.Equal(["nodes[0].nics[0].tagged: the port carries the management VLAN 10 tagged, so node 'vnode1' needs vlan:priv=10 in its boot args"], Errors(trunk));
        Assert.Empty(Errors(WithNode(trunk, 0, n => n with { BootArgs = "vlan:priv=10" })));
    }

    // No overlap between the management subnet, public subnets, 100.64.0.0/10 and 100.127.0.0/16.
    [Fact]
    public void Check_ManagementInSharedAddressSpace_Error()
    {
        var farm = WithManagement(s_dc, m => m with { Subnet = IPNetwork.Parse("100.64.5.0/24"), Gateway = IPAddress.Parse("100.64.5.1"), DhcpRange = null })
            with { Nodes = [.. s_dc.Nodes.Select(n => n with { ManagementAddress = null })] };
        Assert.Contains("management.subnet: 100.64.5.0/24 overlaps 100.64.0.0/10, which nodes use for WireGuard addresses", Errors(farm));
    }

    [Fact]
    public void Check_ManagementInNdmzRange_Error()
    {
        var farm = WithManagement(s_dc, m => m with { Subnet = IPNetwork.Parse("100.127.0.0/24"), Gateway = IPAddress.Parse("100.127.0.1"), DhcpRange = null })
            with { Nodes = [.. s_dc.Nodes.Select(n => n with { ManagementAddress = null })] };
        Assert.Contains("management.subnet: 100.127.0.0/24 overlaps 100.127.0.0/16, which every node uses for the ndmz link of its networks", Errors(farm));
    }

    [Fact]
    public void Check_PublicOverlapsManagement_Error()
    {
        var farm = WithManagement(s_dc, m => m with { Subnet = IPNetwork.Parse("203.0.113.0/24") });
        Assert.Contains("public.ipv4[0].subnet: 203.0.113.0/24 overlaps the management subnet 203.0.113.0/24", Errors(farm));
    }

    [Fact]
    public void Check_PublicSubnetsOverlap_Error()
    {
        var farm = s_dc with { Public = s_dc.Public! with { Ipv4 = [s_dc.Public.Ipv4[0], new PublicIpv4Subnet { Subnet = IPNetwork.Parse("203.0.113.128/25"), Gateway = IPAddress.Parse("203.0.113.129") }] } };
        Assert.Contains("public.ipv4[1].subnet: 203.0.113.128/25 overlaps public.ipv4[0] (203.0.113.0/24)", Errors(farm));
    }

    // NICs plug in where they must.
    [Fact]
    public void Check_PublicNicOnOobSwitch_Error() =>
        Assert.Equal(["nodes[0].nics[1].switch: the public NIC plugs into 'oob' but the public network is on 'public'"],
            Errors(WithNode(s_dc, 0, n => WithNic(n, 1, nic => nic with { Switch = "oob" }))));

    [Fact]
    public void Check_ManagementNicOnPublicSwitch_Error() =>
        Assert.Equal(["nodes[0].nics[0].switch: the management NIC plugs into 'public' but the management network is on 'oob'"],
            Errors(WithNode(s_dc, 0, n => WithNic(n, 0, nic => nic with { Switch = "public" }))));

    [Fact]
    public void Check_UnknownSwitch_Error() =>
        Assert.Equal(["nodes[0].nics[1].switch: no switch named 'pub'; switches are: oob, public"],
            Errors(WithNode(s_dc, 0, n => WithNic(n, 1, nic => nic with { Switch = "pub" }))));

    [Fact]
    public void Check_TwoManagementNics_Error() =>
        Assert.Contains("nodes[0].nics[1].role: node 'node1' already has a management NIC (nics[0]); only one NIC boots and carries zos",
            Errors(WithNode(s_dc, 0, n => WithNic(n, 1, nic => nic with { Role = NicRole.Management }))));

    [Fact]
    public void Check_DualNicWithoutRoles_ErrorAndWarning()
    {
        var farm = WithNode(s_dc, 0, n => n with { Nics = [.. n.Nics.Select(nic => nic with { Role = null })] });
        Assert.Equal(["nodes[0].nics: node 'node1' has 2 NICs; mark the one on the management network with role: management"], Errors(farm));
        Assert.Contains("nodes[0].nics: node 'node1' has 2 NICs but none with role: public; it runs single-NIC (public traffic over the management NIC)", Warnings(farm));
    }

    [Fact]
    public void Check_SingleNicNodeOnSegmentWithoutDhcp_Error()
    {
        // A flat farm whose public subnet hands out no addresses: nodes cannot boot.
        var farm = WithPublicIpv4(s_flat, s => s with { DhcpRange = null });
        Assert.Equal(["management: is required: nodes boot by DHCP and need a network that gives them an address and a default route (or a dhcp_range in a public IPv4 subnet)"], Errors(farm));
    }

    [Fact]
    public void Check_SingleNicNodeAwayFromDhcp_Error()
    {
        var farm = s_flat with { Switches = [.. s_flat.Switches, new FarmSwitch { Name = "other" }] };
        farm = WithNode(farm, 0, n => WithNic(n, 0, nic => nic with { Switch = "other" }));
        Assert.Equal(["nodes[0].nics[0].switch: the NIC plugs into 'other', where no network hands out addresses by DHCP (the public network is on 'public')"], Errors(farm));
    }

    [Fact]
    public void Check_SingleNicMarkedPublic_Error() =>
        Assert.Contains("nodes[0].nics[0].role: node 'flat1' has one NIC, which must carry management (role: management, or no role)",
            Errors(WithNode(s_flat, 0, n => WithNic(n, 0, nic => nic with { Role = NicRole.Public }))));

    // Node public configs: registry rules, inside the farm's subnets, not used twice.
    [Fact]
    public void Check_PublicConfigOutsideFarmSubnet_Error() =>
        Assert.Equal(["nodes[0].public_config.ipv4: 198.51.100.11 is not in any of the farm's public IPv4 subnets (203.0.113.0/24)"],
            Errors(WithNode(s_dc, 0, n => n with { PublicConfig = n.PublicConfig! with { Ipv4 = "198.51.100.11/24", Gw4 = "198.51.100.1" } })));

    [Fact]
    public void Check_PublicConfigUsedTwice_Error() =>
        Assert.Equal(["nodes[1].public_config.ipv4: 203.0.113.11 is already the public address of node 'node1'"],
            Errors(WithNode(s_dc, 1, n => n with { PublicConfig = n.PublicConfig! with { Ipv4 = "203.0.113.11/24" } })));

    [Fact]
    public void Check_PublicConfigWrongGateway_Error() =>
        Assert.Equal(["nodes[0].public_config.gw4: 203.0.113.254 is not the gateway of 203.0.113.0/24 (203.0.113.1)"],
            Errors(WithNode(s_dc, 0, n => n with { PublicConfig = n.PublicConfig! with { Gw4 = "203.0.113.254" } })));

    [Fact]
    public void Check_PublicConfigNotAssignable_Error() =>
        Assert.Equal(["nodes[0].public_config.ipv4: 203.0.113.200 is not one of the assignable addresses of 203.0.113.0/24"],
            Errors(WithNode(s_dc, 0, n => n with { PublicConfig = n.PublicConfig! with { Ipv4 = "203.0.113.200/24" } })));

    [Fact]
    public void Check_PublicConfigGatewayIsAddress_Error() =>
        Assert.Contains("nodes[0].public_config.gw4: gateway 203.0.113.11 is the address itself (203.0.113.11/24)",
            Errors(WithNode(s_dc, 0, n => n with { PublicConfig = n.PublicConfig! with { Gw4 = "203.0.113.11" } })));

    // Kernel arguments are checked as the node will read them.
    [Fact]
    public void Check_BadBootArgs_Error() =>
        Assert.Equal(["nodes[0].boot_args: vlan:pub=0 is not a VLAN id: expected 1 to 4094, or none/untagged/un for no VLAN"],
            Errors(WithNode(s_dc, 0, n => n with { BootArgs = "vlan:pub=0" })));

    [Fact]
    public void Check_BootArgsOtherFarm_Error() =>
        Assert.Equal(["boot.kernel_args: farmer_id=7 differs from the farm's id 1; the node would join another farm"],
            Errors(s_dc with { Boot = s_dc.Boot with { KernelArgs = "farmer_id=7" } }));

    [Fact]
    public void Check_RouterNotGateway_Error() =>
        Assert.Equal(["router.ports[0].ipv4: 10.10.0.254/24 is on the management network, whose gateway is 10.10.0.1; the router is the gateway"],
            Errors(s_dc with { Router = s_dc.Router! with { Ports = [s_dc.Router.Ports[0] with { Ipv4 = InterfaceAddress.Parse("10.10.0.254/24") }, s_dc.Router.Ports[1]] } }));

    [Fact]
    public void Check_Ipv6GatewayOutsidePrefix_Error()
    {
        var farm = s_dc with { Public = s_dc.Public! with { Ipv6 = [s_dc.Public.Ipv6[0] with { Gateway = IPAddress.Parse("2001:db8:999::1") }] } };
        Assert.Equal(["public.ipv6[0].gateway: gateway 2001:db8:999::1 is not inside 2001:db8:100::/48 (nor link-local)"], Errors(farm));
        Assert.Empty(Errors(s_dc with { Public = s_dc.Public with { Ipv6 = [s_dc.Public.Ipv6[0] with { Gateway = IPAddress.Parse("fe80::1") }] } }));
    }

    [Fact]
    public void Check_PublicDhcpRange_OutsideOrOnGateway_Error()
    {
        AddressRange.TryParse("192.0.2.1-192.0.2.5", out var onGateway);
        AddressRange.TryParse("192.0.3.1-192.0.3.5", out var outside);
        Assert.Contains("public.ipv4[0].dhcp_range: 192.0.2.1-192.0.2.5 contains the gateway 192.0.2.1", Errors(WithPublicIpv4(s_flat, s => s with { DhcpRange = onGateway })));
        Assert.Contains("public.ipv4[0].dhcp_range: 192.0.3.1-192.0.3.5 is not inside 192.0.2.0/24", Errors(WithPublicIpv4(s_flat, s => s with { DhcpRange = outside })));
    }

    [Fact]
    public void Check_AssignableOverlapsDhcpPool_Error()
    {
        AddressRange.TryParse("192.0.2.150-192.0.2.160", out var range);
        Assert.Equal(["public.ipv4[0].addresses[0]: 192.0.2.150-192.0.2.160 overlaps the DHCP range 192.0.2.100-192.0.2.199"],
            Errors(WithPublicIpv4(s_flat, s => s with { Addresses = [range] })));
    }

    [Fact]
    public void Check_AssignableListedTwice_Error()
    {
        AddressRange.TryParse("203.0.113.10-203.0.113.20", out var a);
        AddressRange.TryParse("203.0.113.20-203.0.113.30", out var b);
        Assert.Equal(["public.ipv4[0].addresses[1]: 203.0.113.20 is listed twice (also in public.ipv4[0].addresses[0])"],
            Errors(WithPublicIpv4(s_dc, s => s with { Addresses = [a, b] })));
    }

    [Fact]
    public void Check_RouterWithoutPorts_Warns()
    {
        var farm = s_dc with { Router = s_dc.Router! with { Ports = [] } };
        Assert.Empty(Errors(farm));
        Assert.Contains("router.ports: no port on the management network (switch 'oob'); nodes there have no way to the Internet", Warnings(farm));
        Assert.Contains("router.ports: no port on the public network (switch 'public'); the public subnet and prefix are not routed", Warnings(farm));
    }

    [Fact]
    public void Check_BootServerOutsideManagement_Error() =>
        Assert.Equal(["boot_server.address: 10.99.0.2/24 is not inside the management subnet 10.10.0.0/24"],
            Errors(s_dc with { BootServer = s_dc.BootServer! with { Address = InterfaceAddress.Parse("10.99.0.2/24") } }));

    [Theory]
    [InlineData("node one")]
    [InlineData("abcdefghijabcdefghijabcdefghijabc")]
    public void Check_BadNodeName_Error(string name) =>
        Assert.Equal([$"nodes[0].name: '{name}' is not a node name: 1 to 32 letters, digits, '-' or '_'"], Errors(WithNode(s_dc, 0, n => n with { Name = name })));

    [Fact]
    public void Check_ReservationWithoutManagement_Error()
    {
        var farm = WithNode(s_flat, 0, n => n with { ManagementAddress = IPAddress.Parse("192.0.2.20") });
        Assert.Equal(["nodes[0].management_address: 192.0.2.20 is a management address but the farm has no management subnet"], Errors(farm));
    }

    [Fact]
    public void Check_PublicNicAndConfigWithoutPublicNetwork_Error()
    {
        var home = ExampleFarms.Load("home-farm");
        var farm = WithNode(home, 0, n => n with
        {
            Nics = [n.Nics[0] with { Role = NicRole.Management }, new FarmNic { Mac = MacAddress.Parse("52:54:00:30:00:02"), Switch = "lan", Role = NicRole.Public }],
            ManagementAddress = IPAddress.Parse("192.168.1.20"),
            PublicConfig = new PublicConfigInput("203.0.113.5/24", "203.0.113.1"),
        });
        Assert.Equal(["nodes[0].nics[1].role: node 'home1' has a public NIC but the farm has no public network",
            "nodes[0].public_config: node 'home1' has a public config but the farm has no public network"], Errors(farm));
    }

    [Fact]
    public void Check_NeverThrows_OnEmptyFarm()
    {
        var errors = FarmChecker.Check(new FarmDefinition());
        Assert.All(errors, e => Assert.IsType<ValidationError>(e));
    }
}
