using Zos.Core.Contracts;
using Zos.Core.Naming;
using Zos.Core.Reconcile.Operations;
using Zos.Core.Networks;
using Zos.Core.Reconcile;
using Zos.Linux.WireGuard;
using Zos.Node.Network;
using Zos.Testing;
using Xunit;

namespace Zos.Node.Tests.Network;

/// <summary>
/// What the cached observation of a pass must never hide: each kind of change made behind the daemon's back, after
/// passes with nothing to do filled the caches, is seen and repaired by the next pass, and the pass after that is a
/// no-op again.
/// </summary>
public sealed class NetworkDriftTests : IAsyncDisposable
{
    private readonly ScratchNetworkNode _node = new("d");
    private readonly string _owner = TestNames.New("own");

    /// <summary>The drift and the operation that repairs it; null: the pass's firewall step repairs it (it keeps the host and public rulesets in place on every pass), no operation.</summary>
    public static TheoryData<string, Type?> Drifts => new()
    {
        { "gateway link deleted", typeof(CreateGatewayLink) },
        { "public link deleted", typeof(CreatePublicLink) },
        { "wireguard link deleted", typeof(CreateWireGuard) },
        { "gateway address removed", typeof(AddAddress) },
        { "foreign address added", typeof(RemoveAddress) },
        { "route removed", typeof(AddRoute) },
        { "foreign route added", typeof(RemoveRoute) },
        { "resource nftables flushed", typeof(ApplyFirewall) },
        { "resource nftables rule added", typeof(ApplyFirewall) },
        { "wireguard peer removed", typeof(SetPeers) },
        { "wireguard port changed", typeof(ConfigureWireGuard) },
        { "namespace deleted", typeof(CreateNamespace) },
        { "namespace replaced", typeof(CreateGatewayLink) },
        { "bridge deleted", typeof(CreateBridge) },
        { "ndmz nftables flushed", typeof(EnsureNdmz) },
        { "ndmz address removed", typeof(EnsureNdmz) },
        { "host nftables flushed", null },
    };

    [Theory]
    [MemberData(nameof(Drifts))]
    public async Task Reconcile_DriftAfterNoOpPasses_SeenRepairedThenNoOpAgain(string drift, Type? repair)
    {
        Require.Privileged("ip", "nft", "wireguard-go");
        var ct = TestContext.Current.CancellationToken;
        var manager = Manager();
        var peer = WireGuardKeyPair.Generate().PublicKey;
        var id = NetId.Derive(_owner, "net");
        var ns = id.NamespaceName;
        _node.Owns(ns);
        var part = new NetworkPart(id.Value, "net", "10.20.0.0/16", "10.20.3.0/24", 0,
            [new PeerSpec(peer.ToBase64(), ["10.20.4.0/24"], "127.0.0.1:7999", null)]);
        var desired = new DesiredState("node", 1, 1, null, [part]);
        var cold = await manager.ReconcileAsync(desired, ct);
        Assert.Null(cold.Report.Errors);
        Assert.Empty(Assert.Single(cold.Report.Networks).Errors);
        for (var i = 0; i < 2; i++)
            Assert.Empty((await manager.ReconcileAsync(desired, ct)).Operations);

        await MakeDriftAsync(drift, id, peer, ct);
        var repaired = await manager.ReconcileAsync(desired, ct);

        if (repair is null)
            Assert.NotNull((await new Zos.Linux.Nftables.NftApplier().ReadAsync(_node.Host, ct)).Table(Zos.Core.Nftables.NftFamily.Inet, "zos-host"));
        else
            Assert.Contains(repaired.Operations, o => o.GetType() == repair);
        Assert.Null(repaired.Report.Errors);
        Assert.Empty(Assert.Single(repaired.Report.Networks).Errors);
        var after = await manager.ReconcileAsync(desired, ct);
        Assert.Empty(after.Operations);
    }

    [Fact]
    public async Task Reconcile_OneDeviceNotAnswering_ErrorOfThatNetworkOnlyNotRecreatedThenNoOpOnceItAnswers()
    {
        Require.Privileged("ip", "nft", "wireguard-go", "pgrep", "kill");
        var ct = TestContext.Current.CancellationToken;
        var manager = Manager();
        var a = NetId.Derive(_owner, "a");
        var b = NetId.Derive(_owner, "b");
        _node.Owns(a.NamespaceName);
        _node.Owns(b.NamespaceName);
        var desired = new DesiredState("node", 1, 1, null, [
            new NetworkPart(a.Value, "a", "10.20.0.0/16", "10.20.3.0/24", 0, []),
            new NetworkPart(b.Value, "b", "10.20.0.0/16", "10.20.4.0/24", 0, []),
        ]);
        Assert.Null((await manager.ReconcileAsync(desired, ct)).Report.Errors);
        var pid = Sh.Run("pgrep", "-f", $"wireguard-go -f {a.WireGuardName}").EnsureSuccess("pgrep").StdOut.Trim();
        ReconcilePassResult stalled;
        // Stopped, its socket still accepts connections but nothing answers: the UAPI read times out.
        Sh.Run("kill", "-STOP", pid).EnsureSuccess("kill -STOP");
        try
        {
            stalled = await manager.ReconcileAsync(desired, ct);
        }
        finally
        {
            Sh.Run("kill", "-CONT", pid);
        }

        Assert.DoesNotContain(stalled.Operations, o => o is CreateWireGuard);
        Assert.NotEmpty(stalled.Report.Networks.Single(n => n.NetId == a.Value).Errors);
        Assert.Empty(stalled.Report.Networks.Single(n => n.NetId == b.Value).Errors);
        Assert.Empty((await manager.ReconcileAsync(desired, ct)).Operations);
        Assert.Equal(pid, Sh.Run("pgrep", "-f", $"wireguard-go -f {a.WireGuardName}").StdOut.Trim());
    }

    private async Task MakeDriftAsync(string drift, NetId id, WireGuardKey peer, CancellationToken ct)
    {
        var ns = id.NamespaceName;
        var socket = Path.Combine(_node.Directory, "wg", id.WireGuardName + ".sock");
        switch (drift)
        {
            case "gateway link deleted": Ip(ns, "link", "del", id.GatewayLinkName); break;
            case "public link deleted": Ip(ns, "link", "del", InterfaceNames.Public); break;
            case "wireguard link deleted": Ip(ns, "link", "del", id.WireGuardName); break;
            case "gateway address removed": Ip(ns, "addr", "del", "10.20.3.1/24", "dev", id.GatewayLinkName); break;
            case "foreign address added": Ip(ns, "addr", "add", "192.0.2.9/24", "dev", id.GatewayLinkName); break;
            case "route removed": Ip(ns, "route", "del", "10.20.0.0/16", "dev", id.WireGuardName); break;
            case "foreign route added": Ip(ns, "route", "add", "192.0.2.0/24", "via", "10.20.3.9", "dev", id.GatewayLinkName); break;
            case "resource nftables flushed": Nft(ns, "flush", "ruleset"); break;
            case "resource nftables rule added": Nft(ns, "add", "table", "inet", "zdrift"); break;
            case "wireguard peer removed":
                await new WireGuardUapiClient(socket).SetAsync(new WireGuardUpdate(null, null, [new WireGuardPeerChange(peer, true, null, null, null)]), ct);
                break;
            case "wireguard port changed":
                await new WireGuardUapiClient(socket).SetAsync(new WireGuardUpdate(null, 7998, []), ct);
                break;
            case "namespace deleted": Sh.Run("ip", "netns", "del", ns).EnsureSuccess(drift); break;
            case "namespace replaced":
                Sh.Run("ip", "netns", "del", ns).EnsureSuccess(drift);
                Sh.Run("ip", "netns", "add", ns).EnsureSuccess(drift);
                break;
            case "bridge deleted": Ip(_node.Host, "link", "del", id.BridgeName); break;
            case "ndmz nftables flushed": Nft(_node.Ndmz, "flush", "ruleset"); break;
            case "ndmz address removed": Ip(_node.Ndmz, "addr", "del", "100.127.0.1/16", "dev", InterfaceNames.ToNetworkResources); break;
            case "host nftables flushed": Nft(_node.Host, "flush", "ruleset"); break;
            default: throw new ArgumentOutOfRangeException(nameof(drift), drift, "unknown drift");
        }
    }

    private ReconcilePass Manager() => _node.CreatePass();

    private static void Ip(string ns, params string[] args) =>
        Sh.Run("ip", ["-n", ns, .. args], TimeSpan.FromSeconds(10)).EnsureSuccess(string.Join(' ', args));

    private static void Nft(string ns, params string[] args) =>
        Sh.Run("ip", ["netns", "exec", ns, "nft", .. args], TimeSpan.FromSeconds(10)).EnsureSuccess(string.Join(' ', args));

    public ValueTask DisposeAsync() => _node.DisposeAsync();
}
