using System.Net.Http.Json;
using Xunit;
using Zos.Core.Contracts;
using Zos.Linux.WireGuard;
using Zos.Registry.Cockpit;
using Zos.Registry.Tests.Support;

namespace Zos.Registry.Tests.Cockpit;

/// <summary>
/// "Reachable" only from a check (issue 18): a farm line carries when a network peer's handshake confirmed the node's
/// public endpoint, and nothing while no peer has, whatever its public config says. Once per store.
/// </summary>
public abstract class CockpitReachTests : RegistryApiTestBase
{
    /// <summary>On SQLite.</summary>
    public sealed class Sqlite : CockpitReachTests
    {
        protected override StoreKind Kind => StoreKind.Sqlite;
    }

    /// <summary>On PostgreSQL (a fresh schema per test; needs ZOS_TEST_POSTGRES).</summary>
    public sealed class Postgres : CockpitReachTests
    {
        protected override StoreKind Kind => StoreKind.Postgres;
    }

    [Fact]
    public async Task FarmSnapshot_PublicNodeAPeerHandshookWith_ReachedAtTheHandshakeAndNotBefore()
    {
        var (owner, farm) = await FarmAsync();
        var (pub, pubClient) = await R.NodeAsync(farm.Id, "10.1.0.5/24");
        // The peer is an orphan, in no farm: a network spans farms, its handshakes count all the same.
        var (peer, peerClient) = await R.NodeAsync(null, "10.1.0.6/24");
        await owner.SetPublicConfigAsync(pub.Id, new PublicConfig(new PublicIpConfig("203.0.113.10/24", "203.0.113.1")), Ct);
        var net = await owner.CreateNetworkAsync(new NetworkCreate("reach", "10.80.0.0/16"), Ct);
        await owner.AddNetworkMemberAsync(net.NetId, new NetworkMemberAdd(pub.Id), Ct);
        await owner.AddNetworkMemberAsync(net.NetId, new NetworkMemberAdd(peer.Id), Ct);
        var pubKey = WireGuardKeyPair.Generate().PublicKey.ToBase64();
        var peerReport = TestRegistry.NetworkDeployed(net.NetId, WireGuardKeyPair.Generate().PublicKey.ToBase64());
        await pubClient.ReportAsync(pub.Id, TestRegistry.NetworkDeployed(net.NetId, pubKey, "203.0.113.10:3000"), Ct);
        await peerClient.ReportAsync(peer.Id, peerReport, Ct);

        async Task<FarmNodeLine> Line() =>
            Assert.Single((await R.Http().GetFromJsonAsync<FarmOverview>($"api/v1/cockpit/farms/{farm.Id}", ContractJson.Options, Ct))!.Nodes, n => n.Id == pub.Id);

        // A public config and an endpoint, no handshake: nothing checked it.
        Assert.Null((await Line()).Reach);

        var at = TestRegistry.Start.AddSeconds(-4);
        await peerClient.ReportAsync(peer.Id, peerReport with { Networks = [peerReport.Networks[0] with { Handshakes = [new PeerHandshake(pubKey, at)] }] }, Ct);

        Assert.Equal(new ReachCheck(at, peer.Id, net.NetId), (await Line()).Reach);
    }
}
