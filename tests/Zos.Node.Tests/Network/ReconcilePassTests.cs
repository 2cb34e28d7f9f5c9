using Zos.Core.Contracts;
using Zos.Core.Naming;
using Zos.Core.Networks;
using Zos.Core.Reconcile;
using Zos.Core.Reconcile.Operations;
using Zos.Linux.WireGuard;
using Zos.Node.Network;
using Zos.Testing;
using Xunit;

namespace Zos.Node.Tests.Network;

/// <summary>
/// Real reconcile passes: the "host" is a namespace the test makes, ndmz and public are renamed test namespaces,
/// the network resources are real n-&lt;netid&gt; namespaces with wireguard-go devices.
/// </summary>
public sealed class ReconcilePassTests : IAsyncDisposable
{
    private readonly ScratchNetworkNode _node = new("n");
    private readonly string _owner = TestNames.New("own");

    private ReconcilePass Manager() => _node.CreatePass();

    private NetworkPart Part(string name, string subnet, int port, params PeerSpec[] peers)
    {
        var id = NetId.Derive(_owner, name).Value;
        _node.Owns("n-" + id);
        return new NetworkPart(id, name, "10.20.0.0/16", subnet, port, peers);
    }

    private static string Ip(string ns, params string[] args) => Sh.Run("ip", ["-n", ns, .. args], TimeSpan.FromSeconds(10)).StdOut;

    [Fact]
    public async Task Reconcile_ColdThenAgainThenRemoved_BuildsNothingLeftThenTearsDown()
    {
        Require.Privileged("ip", "wireguard-go");
        var manager = Manager();
        var part = Part("net", "10.20.3.0/24", 0);
        var ns = "n-" + part.NetId;

        var cold = await manager.ReconcileAsync(new DesiredState("node", 1, 1, null, [part]), TestContext.Current.CancellationToken);

        Assert.Null(cold.Report.Errors);
        var report = Assert.Single(cold.Report.Networks);
        Assert.Empty(report.Errors);
        Assert.Equal(NodeStateAllocator.FirstPort, report.ListenPort);
        Assert.Equal([$"127.0.0.1:{NodeStateAllocator.FirstPort}"], report.Endpoints);
        Assert.Contains("inet 10.20.3.1/24", Ip(ns, "addr", "show", ns), StringComparison.Ordinal);
        Assert.Contains("inet 100.127.0.2/16", Ip(ns, "addr", "show", "public"), StringComparison.Ordinal);
        Assert.Contains("inet6 fd00::2/64", Ip(ns, "addr", "show", "public"), StringComparison.Ordinal);
        var wg = Ip(ns, "addr", "show", "w-" + part.NetId);
        Assert.Contains("mtu 1420", wg, StringComparison.Ordinal);
        Assert.Contains("inet 100.64.20.3/16", wg, StringComparison.Ordinal);
        Assert.Contains("10.20.0.0/16 dev w-" + part.NetId, Ip(ns, "route"), StringComparison.Ordinal);
        Assert.Contains("inet 100.127.0.1/16", Ip(_node.Ndmz, "addr", "show", "tonrs"), StringComparison.Ordinal);
        // The key never leaves the node, but the reported public key is the one of the persisted private key.
        var persisted = new NodeStateStore(_node.StateFile).Load().Find(part.NetId)!;
        Assert.Equal(WireGuardKeyPair.FromPrivateKey(WireGuardKey.FromBase64(persisted.PrivateKey)).PublicKey.ToBase64(), report.PublicKey);

        var again = await manager.ReconcileAsync(new DesiredState("node", 2, 1, null, [part]), TestContext.Current.CancellationToken);

        Assert.Empty(again.Operations);
        Assert.Null(again.Report.Errors);

        var removed = await manager.ReconcileAsync(new DesiredState("node", 3, 1, null, []), TestContext.Current.CancellationToken);

        Assert.Equal([new DeleteNetwork(NetId.Derive(_owner, "net"), WireGuardPorts.None)], removed.Operations);
        Assert.DoesNotContain(ns, Sh.Run("ip", "netns", "list").StdOut, StringComparison.Ordinal);
        Assert.DoesNotContain("b-" + part.NetId, Ip(_node.Host, "link"), StringComparison.Ordinal);
        Assert.Empty(new NodeStateStore(_node.StateFile).Load().Networks);
    }

    [Fact]
    public async Task Reconcile_TwoResourcesPeeredOverWireGuard_GatewaysPingEachOtherV4AndV6()
    {
        Require.Privileged("ip", "wireguard-go", "ping");
        var manager = Manager();
        var ct = TestContext.Current.CancellationToken;
        // First pass without peers: it yields both public keys (the registry's job in the real flow).
        var a = Part("a", "10.20.3.0/24", 7001);
        var b = Part("b", "10.20.4.0/24", 7002);
        var first = await manager.ReconcileAsync(new DesiredState("node", 1, 1, null, [a, b]), ct);
        Assert.Null(first.Report.Errors);
        var keyA = first.Report.Networks[0].PublicKey;
        var keyB = first.Report.Networks[1].PublicKey;
        var ulaA = UlaAddress.PrefixForSubnet(NetId.Derive(_owner, "a"), System.Net.IPNetwork.Parse("10.20.3.0/24"));
        a = a with { Peers = [new PeerSpec(keyB, ["10.20.4.0/24", "100.64.20.4/32", UlaAddress.PrefixForSubnet(NetId.Derive(_owner, "b"), System.Net.IPNetwork.Parse("10.20.4.0/24")).ToString()], "127.0.0.1:7002", null)] };
        b = b with { Peers = [new PeerSpec(keyA, ["10.20.3.0/24", "100.64.20.3/32", ulaA.ToString()], "127.0.0.1:7001", null)] };

        var peered = await manager.ReconcileAsync(new DesiredState("node", 2, 1, null, [a, b]), ct);

        Assert.Null(peered.Report.Errors);
        Assert.Equal(2, peered.Operations.Count(o => o is SetPeers));
        Assert.Equal(2, peered.Operations.Count(o => o is AddRoute));
        var nsA = "n-" + a.NetId;
        var v4 = Sh.Run("ip", ["netns", "exec", nsA, "ping", "-c", "2", "-W", "3", "10.20.4.1"], TimeSpan.FromSeconds(20));
        Assert.True(v4.ExitCode == 0, v4.StdOut + v4.StdErr);

        // Workloads attached like `zos node attach` does reach each other over IPv4 and IPv6 through WireGuard.
        var wlA = TestNames.New("wla");
        var wlB = TestNames.New("wlb");
        _node.Owns(wlA);
        _node.Owns(wlB);
        Sh.Run("ip", "netns", "add", wlA).EnsureSuccess("setup");
        Sh.Run("ip", "netns", "add", wlB).EnsureSuccess("setup");
        var attacher = new WorkloadAttacher(new NodeStateStore(_node.StateFile), _node.Host);
        attacher.Attach("a", System.Net.IPAddress.Parse("10.20.3.2"), wlA);
        var toB = attacher.Attach("b", System.Net.IPAddress.Parse("10.20.4.2"), wlB);
        var w4 = Sh.Run("ip", ["netns", "exec", wlA, "ping", "-c", "2", "-W", "3", "10.20.4.2"], TimeSpan.FromSeconds(20));
        Assert.True(w4.ExitCode == 0, w4.StdOut + w4.StdErr);
        var w6 = Sh.Run("ip", ["netns", "exec", wlA, "ping", "-6", "-c", "2", "-W", "3", toB.Ipv6.Address.ToString()], TimeSpan.FromSeconds(20));
        Assert.True(w6.ExitCode == 0, w6.StdOut + w6.StdErr);
        var handshakes = await manager.ReconcileAsync(new DesiredState("node", 3, 1, null, [a, b]), ct);
        Assert.Empty(handshakes.Operations);
        Assert.NotNull(Assert.Single(handshakes.Report.Networks[0].Handshakes).Latest);
    }

    [Fact]
    public async Task Reconcile_PeerPrefixRemovedFromDesiredState_ItsRouteLeavesTheKernelThenNoOp()
    {
        Require.Privileged("ip", "wireguard-go");
        var ct = TestContext.Current.CancellationToken;
        var manager = Manager();
        var peer = WireGuardKeyPair.Generate().PublicKey.ToBase64();
        var withPrefix = Part("net", "10.20.3.0/24", 0, new PeerSpec(peer, ["10.20.4.0/24", "fd20:4::/64"], "127.0.0.1:7999", null));
        var ns = "n-" + withPrefix.NetId;
        var first = await manager.ReconcileAsync(new DesiredState("node", 1, 1, null, [withPrefix]), ct);
        Assert.Null(first.Report.Errors);
        Assert.Empty(Assert.Single(first.Report.Networks).Errors);
        Assert.Contains($"fd20:4::/64 dev w-{withPrefix.NetId}", Ip(ns, "-6", "route"), StringComparison.Ordinal);
        var without = withPrefix with { Peers = [new PeerSpec(peer, ["10.20.4.0/24"], "127.0.0.1:7999", null)] };

        var second = await manager.ReconcileAsync(new DesiredState("node", 2, 1, null, [without]), ct);

        Assert.Null(second.Report.Errors);
        Assert.Empty(Assert.Single(second.Report.Networks).Errors);
        Assert.Contains(second.Operations, o => o is RemoveRoute r && r.Route.Destination.ToString() == "fd20:4::/64");
        Assert.DoesNotContain("fd20:4::", Ip(ns, "-6", "route"), StringComparison.Ordinal);
        Assert.Contains($"10.20.0.0/16 dev w-{withPrefix.NetId}", Ip(ns, "route"), StringComparison.Ordinal);
        Assert.Empty((await manager.ReconcileAsync(new DesiredState("node", 3, 1, null, [without]), ct)).Operations);
    }

    public ValueTask DisposeAsync() => _node.DisposeAsync();
}
