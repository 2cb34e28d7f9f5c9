using System.Net;
using System.Net.Sockets;
using Xunit;
using Zos.Linux.Netlink;
using Zos.Linux.Tests.Infrastructure;
using Zos.Testing;

namespace Zos.Linux.Tests.Netlink;

/// <summary>Address and route operations in scratch namespaces, checked with <c>ip -j addr/route</c>.</summary>
public sealed class AddressRouteTests
{
    private static ScratchNamespace WithBridge(out RouteNetlink nl)
    {
        var s = new ScratchNamespace();
        nl = s.Netlink;
        nl.CreateBridge("br0", options: new LinkCreateOptions { Up = true });
        return s;
    }

    [Fact]
    public void AddAddress_IPv4AndIPv6Nodad_IpSeesBothAndListMatches()
    {
        Require.Privileged("ip");
        using var s = WithBridge(out var nl);

        nl.AddAddress("br0", IPAddress.Parse("192.0.2.10"), 24);
        nl.AddAddress("br0", IPAddress.Parse("2001:db8:5::10"), 64, AddressFlags.NoDad);

        var seen = IpJson.AddressesOf(s.Name, "br0");
        Assert.Contains("192.0.2.10/24", seen);
        Assert.Contains("2001:db8:5::10/64", seen);
        var v6 = nl.GetAddresses("br0", AddressFamily.InterNetworkV6).Single(a => a.Address.Equals(IPAddress.Parse("2001:db8:5::10")));
        Assert.True(v6.Flags.HasFlag(AddressFlags.NoDad));
        Assert.False(v6.Flags.HasFlag(AddressFlags.Tentative));
        var v4 = nl.GetAddresses("br0", AddressFamily.InterNetwork).Single();
        Assert.Equal(("192.0.2.10", 24, "br0"), (v4.Address.ToString(), v4.PrefixLength, v4.Label));
    }

    [Fact]
    public void AddAddress_Twice_EexistNamingAddressAndLink_EnsureIsIdempotent()
    {
        Require.Privileged("ip");
        using var s = WithBridge(out var nl);
        var address = IPAddress.Parse("198.51.100.7");
        nl.AddAddress("br0", address, 24);

        var e = Assert.Throws<NetlinkKernelException>(() => nl.AddAddress("br0", address, 24));

        Assert.Equal("add address 198.51.100.7/24 to br0: File exists (EEXIST): ipv4: Address already assigned", e.Message);
        Assert.False(nl.EnsureAddress("br0", address, 24));
        Assert.Single(IpJson.AddressesOf(s.Name, "br0"), "198.51.100.7/24");
    }

    [Fact]
    public void DeleteAddress_PresentThenAbsent_RemovedThenEaddrnotavail()
    {
        Require.Privileged("ip");
        using var s = WithBridge(out var nl);
        var address = IPAddress.Parse("10.20.30.1");
        nl.AddAddress("br0", address, 16);

        nl.DeleteAddress("br0", address, 16);

        Assert.DoesNotContain(IpJson.AddressesOf(s.Name, "br0"), a => a.StartsWith("10.20.", StringComparison.Ordinal));
        var e = Assert.Throws<NetlinkKernelException>(() => nl.DeleteAddress("br0", address, 16));
        Assert.Equal("delete address 10.20.30.1/16 from br0: Cannot assign requested address (EADDRNOTAVAIL): ipv4: Address not found", e.Message);
        Assert.False(nl.EnsureAddressDeleted("br0", address, 16));
    }

    [Fact]
    public void AddAddress_PrefixTooLong_ArgumentExceptionNamingIt()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => RouteNetlink.ValidatePrefix(IPAddress.Parse("10.0.0.1"), 33));
        Assert.StartsWith("prefix length 33 of 10.0.0.1 is outside 0..32", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddRoute_DefaultViaGatewayAndDevRouteWithMetricInTable_IpSeesThem()
    {
        Require.Privileged("ip");
        using var s = WithBridge(out var nl);
        nl.AddAddress("br0", IPAddress.Parse("192.0.2.1"), 24);
        nl.AddAddress("br0", IPAddress.Parse("2001:db8:1::1"), 64, AddressFlags.NoDad);

        nl.AddRoute(new RouteSpec(IPNetwork.Parse("0.0.0.0/0")) { Gateway = IPAddress.Parse("192.0.2.254") });
        nl.AddRoute(new RouteSpec(IPNetwork.Parse("198.51.100.0/24")) { Device = "br0", Metric = 10, Table = 100 });
        nl.AddRoute(new RouteSpec(IPNetwork.Parse("::/0")) { Gateway = IPAddress.Parse("2001:db8:1::fe"), Device = "br0", Metric = 5 });
        nl.AddRoute(new RouteSpec(IPNetwork.Parse("2001:db8:99::/48")) { Device = "br0", Table = 1000 });

        var main4 = IpJson.Routes(s.Name);
        var def = main4.Single(r => r.GetProperty("dst").GetString() == "default");
        Assert.Equal(("192.0.2.254", "br0"), (def.GetProperty("gateway").GetString(), def.GetProperty("dev").GetString()));
        var t100 = IpJson.Routes(s.Name, table: "100").Single();
        Assert.Equal(("198.51.100.0/24", "br0", 10, "link"), (t100.GetProperty("dst").GetString(), t100.GetProperty("dev").GetString(),
            t100.GetProperty("metric").GetInt32(), t100.GetProperty("scope").GetString()));
        var def6 = IpJson.Routes(s.Name, ipv6: true).Single(r => r.GetProperty("dst").GetString() == "default");
        Assert.Equal(("2001:db8:1::fe", 5), (def6.GetProperty("gateway").GetString(), def6.GetProperty("metric").GetInt32()));
        Assert.Equal("2001:db8:99::/48", IpJson.Routes(s.Name, ipv6: true, table: "1000").Single().GetProperty("dst").GetString());

        var ours = nl.GetRoutes(AddressFamily.InterNetwork, table: 254).Single(r => r.IsDefault);
        Assert.Equal((IPAddress.Parse("192.0.2.254"), nl.GetLink("br0").Index), (ours.Gateway, ours.OutputLinkIndex!.Value));
        Assert.Equal(1000u, nl.GetRoutes(AddressFamily.InterNetworkV6, table: 1000).Single().Table);
        Assert.Equal(10u, nl.GetRoutes(AddressFamily.InterNetwork, table: 100).Single().Metric);
    }

    [Fact]
    public void ReplaceRoute_ChangesGateway_AddTwiceFails_DeleteRemoves()
    {
        Require.Privileged("ip");
        using var s = WithBridge(out var nl);
        nl.AddAddress("br0", IPAddress.Parse("192.0.2.1"), 24);
        var route = new RouteSpec(IPNetwork.Parse("203.0.113.0/24")) { Gateway = IPAddress.Parse("192.0.2.2") };
        nl.AddRoute(route);

        var e = Assert.Throws<NetlinkKernelException>(() => nl.AddRoute(route));
        Assert.Equal("add route 203.0.113.0/24 via 192.0.2.2: File exists (EEXIST)", e.Message);
        Assert.False(nl.EnsureRoute(route));
        nl.ReplaceRoute(route with { Gateway = IPAddress.Parse("192.0.2.3") });

        var seen = IpJson.Routes(s.Name).Single(r => r.GetProperty("dst").GetString() == "203.0.113.0/24");
        Assert.Equal("192.0.2.3", seen.GetProperty("gateway").GetString());

        nl.DeleteRoute(new RouteSpec(IPNetwork.Parse("203.0.113.0/24")));
        Assert.DoesNotContain(IpJson.Routes(s.Name), r => r.GetProperty("dst").GetString() == "203.0.113.0/24");
        var gone = Assert.Throws<NetlinkKernelException>(() => nl.DeleteRoute(route));
        Assert.Equal("delete route 203.0.113.0/24 via 192.0.2.2: No such process (ESRCH)", gone.Message);
        Assert.False(nl.EnsureRouteDeleted(route));
    }

    [Fact]
    public void AddRoute_GatewayOfOtherFamily_ArgumentExceptionNamingRoute()
    {
        Require.Privileged("ip");
        using var s = WithBridge(out var nl);

        var e = Assert.Throws<ArgumentException>(() => nl.AddRoute(new RouteSpec(IPNetwork.Parse("10.0.0.0/8")) { Gateway = IPAddress.Parse("2001:db8::1") }));

        Assert.StartsWith("route 10.0.0.0/8 via 2001:db8::1: gateway 2001:db8::1 is not in the destination's address family", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GetRoutes_ConnectedAndAddedRoutes_OnlyTheConnectedOneAddedByKernel()
    {
        Require.Privileged("ip");
        using var s = WithBridge(out var nl);
        nl.AddAddress("br0", IPAddress.Parse("192.0.2.1"), 24);
        nl.AddAddress("br0", IPAddress.Parse("2001:db8:6::1"), 64, AddressFlags.NoDad);
        nl.AddRoute(new RouteSpec(IPNetwork.Parse("203.0.113.0/24")) { Gateway = IPAddress.Parse("192.0.2.2") });
        nl.AddRoute(new RouteSpec(IPNetwork.Parse("2001:db8:7::/64")) { Device = "br0" });

        var main = nl.GetRoutes(table: 254);

        Assert.True(main.Single(r => r.Destination.ToString() == "192.0.2.0/24").AddedByKernel);
        Assert.True(main.Single(r => r.Destination.ToString() == "2001:db8:6::/64").AddedByKernel);
        Assert.False(main.Single(r => r.Destination.ToString() == "203.0.113.0/24").AddedByKernel);
        Assert.False(main.Single(r => r.Destination.ToString() == "2001:db8:7::/64").AddedByKernel);
        Assert.All(main.Where(r => !r.AddedByKernel), r => Assert.True(r.IsUnicast));
    }
}
