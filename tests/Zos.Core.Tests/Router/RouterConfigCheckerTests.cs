using System.Net;
using Xunit;
using Zos.Core.Primitives;
using Zos.Core.Router;
using Zos.Core.Tests.Farms;

namespace Zos.Core.Tests.Router;

public sealed class RouterConfigCheckerTests
{
    /// <summary>What a router configured with the dc farm's generated files has.</summary>
    private static readonly RouterObservation s_complete = new(
        new Dictionary<string, IReadOnlyList<InterfaceAddress>>
        {
            ["lo"] = [InterfaceAddress.Parse("127.0.0.1/8")],
            ["oob"] = [InterfaceAddress.Parse("10.10.0.1/24")],
            ["public"] = [InterfaceAddress.Parse("203.0.113.1/24"), InterfaceAddress.Parse("2001:db8:100::1/64")],
        },
        [IPNetwork.Parse("0.0.0.0/0"), IPNetwork.Parse("10.10.0.0/24"), IPNetwork.Parse("203.0.113.0/24"), IPNetwork.Parse("2001:db8:100::/64"), IPNetwork.Parse("2001:db8:100::/48")],
        Ipv4Forwarding: true,
        Ipv6Forwarding: true,
        new HashSet<string>(StringComparer.Ordinal) { RouterConfigGenerator.NatTable });

    [Fact]
    public void Missing_RouterAsGenerated_Nothing()
    {
        Assert.Empty(RouterConfigChecker.Missing(ExampleFarms.Load("dc-farm"), RouterInterfaces.Default, s_complete));
    }

    [Fact]
    public void Missing_TrunkedVlanLink_SaysToRunTheVlanLinksScript()
    {
        var farm = ExampleFarms.Load("vlan-farm");
        var trunked = farm with { Router = farm.Router! with { Ports = [.. farm.Router!.Ports.Select(p => p with { Trunk = "eno1" })] } };
        var empty = new RouterObservation(new Dictionary<string, IReadOnlyList<InterfaceAddress>>(), [], true, true, null);

        Assert.Contains("interface core-v10 (VLAN 10 tagged on trunk eno1) does not exist: run vlan-links.sh",
            RouterConfigChecker.Missing(trunked, RouterInterfaces.Default, empty));
    }

    [Fact]
    public void Missing_EmptyRouter_ListsPortsRoutesForwardingAndNat()
    {
        var empty = new RouterObservation(new Dictionary<string, IReadOnlyList<InterfaceAddress>>(), [IPNetwork.Parse("0.0.0.0/0"), IPNetwork.Parse("::/0")], false, false, null);

        Assert.Equal(
            [
                "interface oob (port on segment oob) does not exist",
                "interface public (port on segment public) does not exist",
                "route for 203.0.113.0/24 onto the public segment",
                "route for 2001:db8:100::/48 onto the public segment",
                "IPv4 forwarding (net.ipv4.ip_forward = 1)",
                "IPv6 forwarding (net.ipv6.conf.all.forwarding = 1)",
                "nftables table ip zos-farm (NAT of the management network 10.10.0.0/24)",
            ],
            RouterConfigChecker.Missing(ExampleFarms.Load("dc-farm"), RouterInterfaces.Default, empty));
    }

    [Fact]
    public void Missing_OnlyTheOnLinkSlash64Routed_ListsTheWholePrefixAndTheMissingAddress()
    {
        var partial = s_complete with
        {
            Links = new Dictionary<string, IReadOnlyList<InterfaceAddress>>(s_complete.Links) { ["public"] = [InterfaceAddress.Parse("203.0.113.1/24")] },
            Routes = [.. s_complete.Routes.Where(r => r.PrefixLength != 48)],
        };

        Assert.Equal(
            ["address 2001:db8:100::1/64 on public", "route for 2001:db8:100::/48 onto the public segment"],
            RouterConfigChecker.Missing(ExampleFarms.Load("dc-farm"), RouterInterfaces.Default, partial));
    }

    [Fact]
    public void NeedsNftables_HomeFarmNats_FarmWithoutNatDoesNot()
    {
        var home = ExampleFarms.Load("home-farm");

        Assert.True(RouterConfigChecker.NeedsNftables(home));
        Assert.False(RouterConfigChecker.NeedsNftables(home with { Router = home.Router! with { Nat = false } }));
    }
}
