using System.Net;
using Xunit;
using Zos.Linux.WireGuard;
using Zos.Client;
using Zos.Core.Contracts;
using Zos.Core.Public;
using Zos.Registry.Networks;
using Zos.Registry.Tests.Support;

namespace Zos.Registry.Tests.Nodes;

/// <summary>
/// Node reports: what moves other members' desired states, field checks, the public part in the node view. Runs once
/// per store (<see cref="Sqlite"/>, <see cref="Postgres"/>).
/// </summary>
public abstract class ReportApiTests : RegistryApiTestBase
{
    /// <summary>The suite on SQLite.</summary>
    public sealed class Sqlite : ReportApiTests
    {
        protected override StoreKind Kind => StoreKind.Sqlite;
    }

    /// <summary>The suite on PostgreSQL (a fresh schema per test; needs ZOS_TEST_POSTGRES).</summary>
    public sealed class Postgres : ReportApiTests
    {
        protected override StoreKind Kind => StoreKind.Postgres;
    }

    [Fact]
    public async Task Report_KeyChange_MovesOtherMembersDesiredStateNotOnHandshakeOnly()
    {
        var (_, owner, _) = await R.AccountAsync("reporter");
        var (a, aClient) = await R.NodeAsync(null);
        var (b, bClient) = await R.NodeAsync(null);
        var net = await owner.CreateNetworkAsync(new NetworkCreate("mesh", "10.70.0.0/16"), Ct);
        await owner.AddNetworkMemberAsync(net.NetId, new NetworkMemberAdd(a.Id), Ct);
        await owner.AddNetworkMemberAsync(net.NetId, new NetworkMemberAdd(b.Id), Ct);
        var bState = (await bClient.GetDesiredStateAsync(b.Id, null, TimeSpan.Zero, Ct)).State!;
        Assert.Equal(NetworkService.FirstListenPort, Assert.Single(bState.Networks).ListenPort);

        var key = WireGuardKeyPair.Generate().PublicKey.ToBase64();
        var report = TestRegistry.NetworkDeployed(net.NetId, key, "203.0.113.5:3000");
        await aClient.ReportAsync(a.Id, report, Ct);
        var bAfter = (await bClient.GetDesiredStateAsync(b.Id, bState.Version, TimeSpan.Zero, Ct)).State!;
        Assert.True(bAfter.Version > bState.Version);
        var shown = (await R.Client().GetNetworkAsync(net.NetId, Ct)).Members.Single(m => m.Id == a.Id);
        Assert.Equal(key, shown.PublicKey);
        Assert.Equal(["203.0.113.5:3000"], shown.Endpoints);

        await aClient.ReportAsync(a.Id, report with { Networks = [report.Networks[0] with { Handshakes = [new PeerHandshake(key, R.Time.GetUtcNow())] }] }, Ct);
        Assert.False((await bClient.GetDesiredStateAsync(b.Id, bAfter.Version, TimeSpan.Zero, Ct)).Changed);
    }

    [Fact]
    public async Task Report_BadFieldsOrOtherNode_Refused()
    {
        var (a, aClient) = await R.NodeAsync(null);
        var (b, _) = await R.NodeAsync(null);
        var e = await Refused(() => aClient.ReportAsync(a.Id, new NodeReport(1, [new NetworkReport("x", "nokey", 0, ["nowhere"], [], [])]), Ct));
        Assert.Equal(["'nokey' is not a WireGuard public key (base64 of 32 bytes)"], e.FieldErrors["networks[0].publicKey"]);
        Assert.Equal(["0 is not a port (1 to 65535)"], e.FieldErrors["networks[0].listenPort"]);
        Assert.Equal(["'nowhere' is not an endpoint (address:port, [v6]:port)"], e.FieldErrors["networks[0].endpoints[0]"]);
        var key = WireGuardKeyPair.Generate().PublicKey.ToBase64();
        var unknown = await Refused(() => aClient.ReportAsync(a.Id, new NodeReport(1, [new NetworkReport("x", key, 3000, [], [], [], WireGuard: "boringtun")]), Ct));
        Assert.Equal(["'boringtun' is no WireGuard implementation (kernel or wireguard-go)"], unknown.FieldErrors["networks[0].wireGuard"]);
        var other = await Refused(() => aClient.ReportAsync(b.Id, new NodeReport(1, []), Ct));
        Assert.Equal(HttpStatusCode.Forbidden, other.Status);
    }

    [Fact]
    public async Task Report_PublicPart_ShownInNodeView()
    {
        var (a, aClient) = await R.NodeAsync(null);
        var pub = new NodePublicReport(PublicUplinkKind.Nic, "eth1", "detected: eth1 got public IPv6 by RA", null,
            "public config refused: publicConfig.gw4: gateway 192.0.2.99 does not answer on br-pub (tried from a test interface with 192.0.2.30/24)");

        await aClient.ReportAsync(a.Id, new NodeReport(1, [], null, pub), Ct);

        Assert.Equal(pub, (await R.Client().GetNodeAsync(a.Id, Ct)).Public);
    }

    [Fact]
    public async Task Report_PublicPartBadNic_RefusedNamingTheField()
    {
        var (a, aClient) = await R.NodeAsync(null);
        var pub = new NodePublicReport(PublicUplinkKind.Nic, "a-name-far-too-long", "declared by the farmer");

        var e = await Refused(() => aClient.ReportAsync(a.Id, new NodeReport(1, [], null, pub), Ct));

        Assert.Equal(["'a-name-far-too-long' is not an interface name (1 to 15 characters)"], e.FieldErrors["public.uplinkNic"]);
    }
}
