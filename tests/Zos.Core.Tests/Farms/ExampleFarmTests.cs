using Xunit;
using Zos.Core.Farms;

namespace Zos.Core.Tests.Farms;

public class ExampleFarmTests
{
    [Theory]
    [InlineData("dc-farm")]
    [InlineData("home-farm")]
    [InlineData("vlan-farm")]
    [InlineData("flat-farm")]
    public void CheckText_GoodExamples_NoErrors(string name)
    {
        var report = FarmChecker.CheckText(ExampleFarms.Text(name), FarmCheckOptions.AllowDocumentationRanges);
        Assert.False(report.IsUnreadable);
        Assert.Empty(report.Errors);
    }

    [Theory]
    [InlineData("dc-farm")]
    [InlineData("vlan-farm")]
    [InlineData("flat-farm")]
    public void CheckText_DocumentationRangesStrict_Rejected(string name)
    {
        var report = FarmChecker.CheckText(ExampleFarms.Text(name), FarmCheckOptions.Strict);
        Assert.NotEmpty(report.Errors);
        Assert.All(report.Errors, e => Assert.Contains("documentation address", e.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void CheckText_DcFarm_WarnsOnlyAboutDocumentationRanges()
    {
        var report = FarmChecker.CheckText(ExampleFarms.Text("dc-farm"), FarmCheckOptions.AllowDocumentationRanges);
        Assert.Equal(
        [
            "warning: public.ipv4[0].subnet (line 52): 203.0.113.0/24 is a documentation address (RFC 5737), not routable on the Internet (accepted for labs and examples only)",
            "warning: public.ipv6[0].prefix (line 57): 2001:db8:100::/48 is a documentation address (RFC 3849/9637), not routable on the Internet (accepted for labs and examples only)",
        ], report.Problems.Select(p => p.ToString()));
    }

    [Fact]
    public void Parse_DcFarm_ReadsTopology()
    {
        var farm = ExampleFarms.Load("dc-farm");
        Assert.Equal("dc-farm", farm.Name);
        Assert.Equal(1u, farm.Id);
        Assert.Equal(["oob", "public"], farm.Switches.Select(s => s.Name));
        Assert.Equal("10.10.0.0/24", farm.Management!.Subnet.ToString());
        Assert.Equal("10.10.0.100-10.10.0.199", farm.Management.DhcpRange.ToString());
        Assert.Equal("10.10.0.2/24", farm.BootServer!.Address.ToString());
        Assert.Equal(2, farm.Router!.Ports.Count);
        Assert.Equal(3, farm.Nodes.Count);
        Assert.All(farm.Nodes, n => Assert.True(n.IsMultiNic));
        var node1 = farm.Nodes[0];
        Assert.Equal("52:54:00:10:00:01", node1.ManagementNic!.Mac.ToString());
        Assert.Equal("oob", node1.ManagementNic.Switch);
        Assert.Equal("52:54:00:20:00:01", node1.PublicNic!.Mac.ToString());
        Assert.Equal("10.10.0.11", node1.ManagementAddress!.ToString());
        Assert.Equal("203.0.113.11/24", node1.PublicConfig!.Ipv4);
        Assert.Equal("zos-debug", farm.Nodes[2].BootArgs);
        Assert.Equal("console=ttyS0", farm.Boot.KernelArgs);
        Assert.Equal(90, farm.Public!.Ipv4[0].AssignableAddresses().Count());
    }

    [Fact]
    public void Parse_VlanFarm_IsSingleSwitch()
    {
        var farm = ExampleFarms.Load("vlan-farm");
        Assert.True(farm.IsSingleSwitch);
        Assert.Equal((10, 20), (farm.Management!.Vlan, farm.Public!.Vlan));
        Assert.False(ExampleFarms.Load("dc-farm").IsSingleSwitch);
    }

    [Fact]
    public void CheckText_BrokenFarm_ReportsEveryProblem()
    {
        var report = FarmChecker.CheckText(ExampleFarms.Text("broken-farm"), FarmCheckOptions.AllowDocumentationRanges);
        Assert.True(report.HasErrors);
        var lines = report.Problems.Select(p => p.ToString()).ToList();
        Assert.Equal(
        [
            "error: name (line 2): 'my farm!' contains ' '; a farm name has only letters, digits, '_' and '-'",
            "error: id (line 3): 0 is not a farm id (farm ids start at 1)",
            "error: boot.runmode (line 6): 'staging' is not a run mode: expected dev, qa, test or prod",
            "error: boot.kernel_args (line 7): vlan:priv=9999 is not a VLAN id: expected 1 to 4094, or none/untagged/un for no VLAN",
            "error: switches[1].name (line 11): 'core' is already the name of switches[0]",
            "error: router.ports[0].ipv4 (line 17): 10.10.0.254/24 is on the management network, whose gateway is 10.20.0.1; the router is the gateway",
            "error: management.gateway (line 23): gateway 10.20.0.1 is not inside 10.10.0.0/24",
            "error: management.dhcp_range (line 24): 10.10.0.0-10.10.0.100 contains the network or broadcast address of 10.10.0.0/24",
            "error: public.vlan (line 28): VLAN 10 is also the management network's VLAN on switch 'core'; they must differ",
            "error: public.ipv4[0].subnet (line 30): 10.10.0.0/25 is private (RFC 1918); a public subnet is required",
            "error: public.ipv4[0].subnet (line 30): 10.10.0.0/25 overlaps the management subnet 10.10.0.0/24",
            "error: public.ipv4[1].subnet (line 32): 100.127.1.0/24 is in the shared address space 100.64.0.0/10 (RFC 6598); a public subnet is required",
            "error: public.ipv4[1].subnet (line 32): 100.127.1.0/24 overlaps 100.127.0.0/16, which every node uses for the ndmz link of its networks",
            "error: public.ipv4[1].gateway (line 33): gateway 100.127.2.1 is not inside 100.127.1.0/24",
            "error: public.ipv6[0].prefix (line 35): 2001:db8:300::/96 is longer than /64; nodes need at least a /64 for SLAAC",
            "error: nodes[0].management_address (line 39): 10.10.0.50 is inside the DHCP range 10.10.0.0-10.10.0.100; reservations must be outside the dynamic pool",
            "error: nodes[0].nics (line 40): node 'node1' has 2 NICs; mark the one on the management network with role: management",
            "warning: nodes[0].nics (line 40): node 'node1' has 2 NICs but none with role: public; it runs single-NIC (public traffic over the management NIC)",
            "error: nodes[0].nics[0].mac (line 41): '52:54:00:zz:00:01' is not a MAC address (expected six hex bytes, e.g. 52:54:00:12:34:56)",
            "error: nodes[0].nics[1].switch (line 45): no switch named 'pub'; switches are: core",
            "error: nodes[1].name (line 46): 'node1' is already the name of nodes[0]",
            "error: nodes[1].nmae (line 47): unknown field 'nmae'; expected one of: name, nics, management_address, boot_args, public_config",
            "error: nodes[1].management_address (line 48): 10.10.0.50 is inside the DHCP range 10.10.0.0-10.10.0.100; reservations must be outside the dynamic pool",
            "error: nodes[1].management_address (line 48): 10.10.0.50 is already reserved for node 'node1'",
            "error: nodes[1].boot_args (line 49): farmer_id=abc is not a farm id: expected a whole number from 1 to 4294967295; the node comes up as an orphan",
            "error: nodes[1].nics[0].mac (line 51): 52:54:00:00:00:02 is already used by nodes[0].nics[1] (node 'node1')",
            "error: nodes[1].nics[0].vlan (line 53): 5000 is not a VLAN id: expected 1 to 4094",
            "error: nodes[1].nics[0].vlan (line 53): the port is in VLAN 5000 but the management network is VLAN 10",
            "error: nodes[1].nics[1].mac (line 55): 01:00:5e:00:00:01 is a multicast (group) address; a NIC has a unicast MAC",
            "error: nodes[1].nics[1].vlan (line 57): the port is in VLAN 20 but the public network is VLAN 10",
            "error: nodes[1].public_config.ipv4 (line 60): 192.0.2.10 is not in any of the farm's public IPv4 subnets (10.10.0.0/25, 100.127.1.0/24)",
            "error: nodes[1].public_config.gw4 (line 61): gateway 192.0.2.10 is the address itself (192.0.2.10/24)",
        ], lines);
    }
}
