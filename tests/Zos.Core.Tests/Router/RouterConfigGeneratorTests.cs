using Xunit;
using Zos.Core.Router;
using Zos.Core.Tests.Farms;

namespace Zos.Core.Tests.Router;

public sealed class RouterConfigGeneratorTests
{
    [Fact]
    public void Generate_DcFarm_AddressesPortsAndRoutesThePublicSubnetAndPrefixOntoThePublicSegment()
    {
        var files = RouterConfigGenerator.Generate(ExampleFarms.Load("dc-farm"));

        Assert.Equal(
            """
            # Farm dc-farm: router ports and routes (ip -batch addresses.ip)
            address replace 10.10.0.1/24 dev oob
            link set oob up
            address replace 203.0.113.1/24 dev public
            address replace 2001:db8:100::1/64 dev public
            link set public up
            route replace 203.0.113.0/24 dev public
            route replace 2001:db8:100::/48 dev public

            """.ReplaceLineEndings("\n"), files.Addresses);
        Assert.Equal("net.ipv4.ip_forward = 1\nnet.ipv6.conf.all.forwarding = 1\n", files.Sysctl);
    }

    [Fact]
    public void Generate_DcFarm_MasqueradesOnlyTheManagementNetworkTowardTheUplink()
    {
        var files = RouterConfigGenerator.Generate(ExampleFarms.Load("dc-farm"));

        Assert.Contains($"table ip {RouterConfigGenerator.NatTable}", files.Nftables, StringComparison.Ordinal);
        Assert.Contains("ip saddr 10.10.0.0/24 oifname \"wan\" masquerade", files.Nftables, StringComparison.Ordinal);
        Assert.DoesNotContain("203.0.113", files.Nftables, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_DcFarm_AnnouncesTheOnLinkSlash64OnThePublicPort()
    {
        var radvd = RouterConfigGenerator.Generate(ExampleFarms.Load("dc-farm")).Radvd;

        Assert.NotNull(radvd);
        Assert.Contains("interface public\n{", radvd, StringComparison.Ordinal);
        Assert.Contains("prefix 2001:db8:100::/64", radvd, StringComparison.Ordinal);
        Assert.DoesNotContain("interface oob", radvd, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_HomeFarm_NoRouterAdvertisementsAndNoPublicRoutes()
    {
        var files = RouterConfigGenerator.Generate(ExampleFarms.Load("home-farm"));

        Assert.Null(files.Radvd);
        Assert.DoesNotContain("route replace", files.Addresses, StringComparison.Ordinal);
        Assert.Contains("ip saddr 192.168.1.0/24 oifname \"wan\" masquerade", files.Nftables, StringComparison.Ordinal);
        Assert.Equal(["addresses.ip", "nftables.conf", "sysctl.conf"], files.ToFiles().Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Generate_VlanFarm_PortsNamedAfterTheirVlanSegment()
    {
        var files = RouterConfigGenerator.Generate(ExampleFarms.Load("vlan-farm"));

        Assert.Contains("address replace 10.30.0.1/24 dev core-v10\n", files.Addresses, StringComparison.Ordinal);
        Assert.Contains("address replace 198.51.100.1/24 dev core-v20\n", files.Addresses, StringComparison.Ordinal);
        Assert.Contains("route replace 198.51.100.0/24 dev core-v20\n", files.Addresses, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_VlanFarmOnATrunk_CreatesEachVlanLinkOnceOnTheTrunkThenAddressesIt()
    {
        var farm = ExampleFarms.Load("vlan-farm");
        var trunked = farm with { Router = farm.Router! with { Ports = [.. farm.Router!.Ports.Select(p => p with { Trunk = "eno1" })] } };

        var files = RouterConfigGenerator.Generate(trunked);

        Assert.Equal("""
            #!/bin/sh
            # Farm vlan-farm: the router's VLAN links on its trunks (sh vlan-links.sh, before ip -batch addresses.ip)
            set -e
            ip link set dev eno1 up
            ip link show dev core-v10 >/dev/null 2>&1 || ip link add link eno1 name core-v10 type vlan id 10
            ip link show dev core-v20 >/dev/null 2>&1 || ip link add link eno1 name core-v20 type vlan id 20

            """.ReplaceLineEndings("\n"), files.VlanLinks);
        Assert.Contains(RouterConfigFiles.VlanLinksFile, files.ToFiles().Keys);
        Assert.Contains("address replace 10.30.0.1/24 dev core-v10\n", files.Addresses, StringComparison.Ordinal);
        // Untagged ports (the example as written) need no link: no script.
        Assert.Null(RouterConfigGenerator.Generate(farm).VlanLinks);
    }

    [Fact]
    public void Generate_InterfaceOverrides_UsedForPortsAndUplink()
    {
        var interfaces = new RouterInterfaces("enp1s0", new Dictionary<string, string> { ["oob"] = "enp2s0", ["public"] = "enp3s0" });

        var files = RouterConfigGenerator.Generate(ExampleFarms.Load("dc-farm"), interfaces);

        Assert.Contains("address replace 10.10.0.1/24 dev enp2s0\n", files.Addresses, StringComparison.Ordinal);
        Assert.Contains("route replace 203.0.113.0/24 dev enp3s0\n", files.Addresses, StringComparison.Ordinal);
        Assert.Contains("oifname \"enp1s0\" masquerade", files.Nftables, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_FarmWithoutRouter_RefusedNamingTheFarm()
    {
        var farm = ExampleFarms.Load("dc-farm") with { Router = null };

        var e = Assert.Throws<ArgumentException>(() => RouterConfigGenerator.Generate(farm));

        Assert.Equal("farm 'dc-farm' has no router section (Parameter 'farm')", e.Message);
    }

    [Theory]
    [InlineData("core", 10, "core-v10")]
    [InlineData("oob", null, "oob")]
    [InlineData("a-very-long-switch", 4094, "a-very-long-swi")]
    public void SegmentName_SwitchAndVlan_AtMost15Characters(string name, int? vlan, string expected) =>
        Assert.Equal(expected, RouterInterfaces.SegmentName(name, vlan));
}
