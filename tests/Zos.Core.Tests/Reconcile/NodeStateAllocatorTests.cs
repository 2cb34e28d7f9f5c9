using Zos.Core.Contracts;
using Zos.Core.Naming;
using Zos.Core.Reconcile;
using Xunit;

namespace Zos.Core.Tests.Reconcile;

public sealed class NodeStateAllocatorTests
{
    private static readonly HashSet<int> NoBusy = [];

    private static NetworkPart Part(string name, int port = 0) =>
        new(NetId.Derive("alice", name).Value, name, "10.20.0.0/16", "10.20.3.0/24", port, []);

    private static Func<string> Keys()
    {
        var n = 0;
        return () => $"key{++n}";
    }

    [Fact]
    public void Allocate_NewNetwork_GetsKeyRequestedPortAndFirstLease()
    {
        var r = NodeStateAllocator.Allocate(NodeNetworkState.Empty, [Part("a", 7000)], Keys(), NoBusy);

        Assert.True(r.Succeeded);
        var n = Assert.Single(r.State.Networks);
        Assert.Equal(("key1", 7000, "100.127.0.2"), (n.PrivateKey, n.ListenPort, n.NdmzLease));
    }

    [Fact]
    public void Allocate_ExistingNetwork_KeepsKeyPortAndLease()
    {
        var part = Part("a", 7000);
        var state = new NodeNetworkState([new PersistedNetwork(part.NetId, "old", 7100, "100.127.0.9")]);

        var r = NodeStateAllocator.Allocate(state, [part], Keys(), NoBusy);

        Assert.Equal(new PersistedNetwork(part.NetId, "old", 7100, "100.127.0.9") { Name = "a", Range = "10.20.0.0/16", Subnet = "10.20.3.0/24" }, Assert.Single(r.State.Networks));
    }

    [Fact]
    public void Allocate_PortHeldByAnotherNetworkOrBusy_NeverReused()
    {
        var a = Part("a", 7000);
        var state = new NodeNetworkState([new PersistedNetwork(a.NetId, "k", NodeStateAllocator.FirstPort, "100.127.0.2")]);

        var r = NodeStateAllocator.Allocate(state, [a, Part("b", NodeStateAllocator.FirstPort), Part("c", 0)], Keys(), new HashSet<int> { NodeStateAllocator.FirstPort + 1 });

        Assert.True(r.Succeeded);
        var ports = r.State.Networks.Select(n => n.ListenPort).ToList();
        Assert.Equal([NodeStateAllocator.FirstPort, NodeStateAllocator.FirstPort + 2, NodeStateAllocator.FirstPort + 3], ports);
        Assert.Equal(["100.127.0.2", "100.127.0.3", "100.127.0.4"], r.State.Networks.Select(n => n.NdmzLease));
    }

    [Fact]
    public void Allocate_NetworkNoLongerDesired_DroppedAndLeaseFreed()
    {
        var a = Part("a");
        var b = Part("b");
        var state = new NodeNetworkState([new PersistedNetwork(a.NetId, "k", 7000, "100.127.0.2")], "eth1");

        var r = NodeStateAllocator.Allocate(state, [b], Keys(), NoBusy);

        var n = Assert.Single(r.State.Networks);
        Assert.Equal((b.NetId, "100.127.0.2"), (n.NetId, n.NdmzLease));
        Assert.Equal("eth1", r.State.PublicNic);
    }

    [Fact]
    public void Allocate_BadNetId_ErrorNamesValueAndStateUnchanged()
    {
        var r = NodeStateAllocator.Allocate(NodeNetworkState.Empty, [Part("a") with { NetId = "short" }], Keys(), NoBusy);

        Assert.Equal(["network 'a': netId 'short' is not a 13-character base58 NetID"], r.Errors);
        Assert.Same(NodeNetworkState.Empty, r.State);
    }

    [Fact]
    public void Allocate_PortOutOfRange_Error()
    {
        var r = NodeStateAllocator.Allocate(NodeNetworkState.Empty, [Part("a", 70000)], Keys(), NoBusy);

        Assert.Equal(["network 'a': listenPort 70000 is outside 0-65535"], r.Errors);
    }

    [Fact]
    public void Allocate_PersistedPortsCollide_ErrorBeforeAnyChange()
    {
        var a = Part("a");
        var b = Part("b");
        var state = new NodeNetworkState([new PersistedNetwork(a.NetId, "k", 7000, "100.127.0.2"), new PersistedNetwork(b.NetId, "k2", 7000, "100.127.0.3")]);

        var r = NodeStateAllocator.Allocate(state, [a, b], Keys(), NoBusy);

        Assert.Equal([$"network '{b.NetId}': persisted listenPort 7000 is also held by another network"], r.Errors);
        Assert.Same(state, r.State);
    }

    [Fact]
    public void Allocate_PersistedLeaseOutsidePool_Error()
    {
        var a = Part("a");
        var state = new NodeNetworkState([new PersistedNetwork(a.NetId, "k", 7000, "10.0.0.1")]);

        var r = NodeStateAllocator.Allocate(state, [a], Keys(), NoBusy);

        Assert.Equal([$"network '{a.NetId}': persisted ndmzLease '10.0.0.1' is not in 100.127.0.2-100.127.255.254"], r.Errors);
    }
}
