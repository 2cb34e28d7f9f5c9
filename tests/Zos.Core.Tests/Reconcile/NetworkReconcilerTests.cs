using Zos.Core.Contracts;
using Zos.Core.Naming;
using Zos.Core.Primitives;
using Zos.Core.Reconcile;
using Zos.Core.Reconcile.Operations;
using Xunit;

namespace Zos.Core.Tests.Reconcile;

public sealed class NetworkReconcilerTests
{
    private static readonly PeerSpec PeerA = new("pubA=", ["10.20.4.0/24", "100.64.20.4/32"], "198.51.100.7:7000", 20);

    /// <summary>The order a resource is built in: a plan never goes back to an earlier kind of step.</summary>
    private static readonly Type[] BuildOrder =
    [
        typeof(DeleteNetwork), typeof(EnsureNdmz), typeof(CreateNamespace), typeof(CreateBridge), typeof(CreateGatewayLink),
        typeof(CreatePublicLink), typeof(CreateWireGuard), typeof(RemoveAddress), typeof(AddAddress), typeof(RemoveRoute),
        typeof(AddRoute), typeof(ConfigureWireGuard), typeof(SetPeers), typeof(ApplyFirewall),
    ];

    private static DesiredResource Desired(string name = "net", string subnet = "10.20.3.0/24", params PeerSpec[] peers)
    {
        var netId = NetId.Derive("alice", name).Value;
        return DesiredResource.From(new NetworkPart(netId, name, "10.20.0.0/16", subnet, 7000, peers), new PersistedNetwork(netId, "priv=", 7000, "100.127.1.5"));
    }

    /// <summary>The kernel state a finished pass leaves for <paramref name="d"/>, with the kernel's own fe80 address on each link.</summary>
    private static ActualResource Converged(DesiredResource d) => new(d.NetId.Value)
    {
        NamespaceExists = true,
        BridgeExists = true,
        Links = d.Addresses.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<InterfaceAddress>)[.. kv.Value, InterfaceAddress.Parse("fe80::a:b:c:d/64")]),
        Routes = d.Routes,
        WireGuardPrivateKey = d.PrivateKey,
        WireGuardListenPort = d.ListenPort,
        WireGuardPeers = d.Peers,
        FirewallCurrent = true,
    };

    [Fact]
    public void From_ReferenceExample_AddressesAndRoutesPerSection45()
    {
        var d = Desired();

        Assert.Equal(["10.20.3.1/24", UlaAddress.Convert4to6(d.NetId, System.Net.IPAddress.Parse("10.20.3.1")) + "/64", "fe80::1/64"],
            d.Addresses[d.GatewayLink].Select(a => a.ToString()));
        Assert.Equal(["100.127.1.5/16", "fd00::105/64"], d.Addresses["public"].Select(a => a.ToString()));
        Assert.Equal(["100.64.20.3/16"], d.Addresses[d.WireGuardLink].Select(a => a.ToString()));
        Assert.Equal(["0.0.0.0/0 via 100.127.0.1 dev public", "::/0 via fe80::1 dev public", $"10.20.0.0/16 dev {d.WireGuardLink}"],
            d.Routes.Select(r => r.ToString()));
    }

    [Fact]
    public void From_PeerWithoutKeepalive_Gets20Seconds()
    {
        var d = Desired(peers: PeerA with { PersistentKeepalive = null });

        Assert.Equal(20, Assert.Single(d.Peers).PersistentKeepalive);
    }

    [Fact]
    public void From_SubnetNotSlash24_ErrorNamesValue()
    {
        var ex = Assert.Throws<ArgumentException>(() => Desired(subnet: "10.20.3.0/25"));

        Assert.StartsWith("network 'net': subnet '10.20.3.0/25' is not an IPv4 /24", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_Cold_BuildsNdmzThenResourceInOrder()
    {
        var d = Desired(peers: PeerA);

        var ops = NetworkReconciler.Plan([d], ActualNodeState.Empty);

        var kinds = ops.Select(o => o.GetType()).ToList();
        Assert.Equal(typeof(EnsureNdmz), kinds[0]);
        Assert.Equal(kinds.OrderBy(k => Array.IndexOf(BuildOrder, k)), kinds);
        Assert.Equal(6, kinds.Count(k => k == typeof(AddAddress)));
        Assert.Equal(3, kinds.Count(k => k == typeof(AddRoute)));
        Assert.Contains(new SetPeers(d.NetId, d.WireGuard), ops);
    }

    [Fact]
    public void Plan_Converged_NoOperation()
    {
        var d = Desired(peers: PeerA);

        Assert.Empty(NetworkReconciler.Plan([d], new ActualNodeState(true, [Converged(d)])));
    }

    [Fact]
    public void Plan_NothingDesiredNothingThere_NoOperation()
    {
        Assert.Empty(NetworkReconciler.Plan([], ActualNodeState.Empty));
    }

    [Fact]
    public void Plan_StaleNetwork_DeletedFirst()
    {
        var keep = Desired("keep");
        var gone = Desired("gone");

        var ops = NetworkReconciler.Plan([keep], new ActualNodeState(true, [Converged(gone), Converged(keep)]));

        Assert.Equal([new DeleteNetwork(gone.NetId, new WireGuardPorts([keep.ListenPort]))], ops);
    }

    [Fact]
    public void Plan_PeerEndpointChanged_OnlySetPeers()
    {
        var d = Desired(peers: PeerA);
        var actual = Converged(d) with { WireGuardPeers = [PeerA with { Endpoint = "198.51.100.8:7000" }] };

        var ops = NetworkReconciler.Plan([d], new ActualNodeState(true, [actual]));

        Assert.Equal([new SetPeers(d.NetId, d.WireGuard)], ops);
    }

    [Fact]
    public void Plan_AllowedIpsInOtherOrder_NoOperation()
    {
        var d = Desired(peers: PeerA);
        var actual = Converged(d) with { WireGuardPeers = [PeerA with { AllowedIps = [.. PeerA.AllowedIps.Reverse()] }] };

        Assert.Empty(NetworkReconciler.Plan([d], new ActualNodeState(true, [actual])));
    }

    [Fact]
    public void Plan_ForeignAddressOnGateway_RemovedKernelLinkLocalKept()
    {
        var d = Desired();
        var c = Converged(d);
        var links = c.Links.ToDictionary(kv => kv.Key, kv => kv.Value);
        links[d.GatewayLink] = [.. links[d.GatewayLink], InterfaceAddress.Parse("10.99.0.1/24")];

        var ops = NetworkReconciler.Plan([d], new ActualNodeState(true, [c with { Links = links }]));

        Assert.Equal([new RemoveAddress(d.NetId, d.GatewayLink, InterfaceAddress.Parse("10.99.0.1/24"))], ops);
    }

    [Fact]
    public void Plan_UnderlayChanged_RecreatesWireGuardWithAddressRouteKeyAndPeers()
    {
        var d = Desired(peers: PeerA);

        var ops = NetworkReconciler.Plan([d], new ActualNodeState(true, [Converged(d) with { WireGuardUnderlayCurrent = false }]));

        Assert.Equal(
            [typeof(CreateWireGuard), typeof(AddAddress), typeof(AddRoute), typeof(ConfigureWireGuard), typeof(SetPeers)],
            ops.Select(o => o.GetType()));
    }

    [Fact]
    public void Plan_ListenPortDiffers_ConfigureOnly()
    {
        var d = Desired();

        var ops = NetworkReconciler.Plan([d], new ActualNodeState(true, [Converged(d) with { WireGuardListenPort = 1 }]));

        Assert.Equal([new ConfigureWireGuard(d.NetId, d.WireGuard)], ops);
    }

    [Fact]
    public void Plan_PeerLeft_RouteOfItsUlaPrefixRemoved()
    {
        var peerB = new PeerSpec("pubB=", ["10.20.5.0/24", "fd12:3456:789a:5::/64"], "198.51.100.9:7000", 20);
        var before = Desired(peers: [PeerA, peerB]);
        var after = Desired(peers: PeerA);
        var stale = Assert.Single(before.Routes, r => r.Destination.ToString() == "fd12:3456:789a:5::/64");

        var ops = NetworkReconciler.Plan([after], new ActualNodeState(true, [Converged(before) with { WireGuardPeers = after.Peers }]));

        Assert.Equal([new RemoveRoute(after.NetId, stale)], ops);
        Assert.Equal($"RemoveRoute {after.NetId} {after.WireGuardLink} fd12:3456:789a:5::/64 dev {after.WireGuardLink}", ops[0].ToString());
    }

    [Fact]
    public void Plan_DefaultRouteViaOtherGateway_RemovedBeforeTheWantedOneIsAdded()
    {
        var d = Desired();
        var c = Converged(d);
        var wrong = new ResourceRoute(System.Net.IPNetwork.Parse("0.0.0.0/0"), System.Net.IPAddress.Parse("100.127.0.9"), "public");

        var ops = NetworkReconciler.Plan([d], new ActualNodeState(true, [c with { Routes = [wrong, .. d.Routes.Skip(1)] }]));

        Assert.Equal([new RemoveRoute(d.NetId, wrong), new AddRoute(d.NetId, d.Routes[0])], ops);
    }

    [Fact]
    public void Plan_WireGuardRecreated_ItsRoutesNotRemovedButAddedAgain()
    {
        var d = Desired();
        var c = Converged(d) with { WireGuardUnderlayCurrent = false };

        var ops = NetworkReconciler.Plan([d], new ActualNodeState(true, [c]));

        Assert.DoesNotContain(ops, o => o is RemoveRoute);
        Assert.Contains(new AddRoute(d.NetId, d.Routes[2]), ops);
    }

    [Fact]
    public void ToString_NamesKindNetworkLinkAndValue()
    {
        var d = Desired();

        var ops = NetworkReconciler.Plan([d], ActualNodeState.Empty);

        Assert.Equal("EnsureNdmz ", ops[0].ToString());
        Assert.Contains($"CreateNamespace {d.NetId} n-{d.NetId}", ops.Select(o => o.ToString()));
        Assert.Contains($"AddAddress {d.NetId} {d.GatewayLink} 10.20.3.1/24", ops.Select(o => o.ToString()));
        Assert.Contains($"ConfigureWireGuard {d.NetId} {d.WireGuardLink} 7000", ops.Select(o => o.ToString()));
        Assert.Contains($"SetPeers {d.NetId} {d.WireGuardLink} 0", ops.Select(o => o.ToString()));
    }
}
