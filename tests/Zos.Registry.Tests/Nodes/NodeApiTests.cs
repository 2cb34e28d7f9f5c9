using System.Net;
using Xunit;
using Zos.Client;
using Zos.Core.Contracts;
using Zos.Registry.Tests.Support;

namespace Zos.Registry.Tests.Nodes;

/// <summary>
/// Nodes: registration by the node itself, listing, heartbeats, status and uptime. Runs once per store
/// (<see cref="Sqlite"/>, <see cref="Postgres"/>).
/// </summary>
public abstract class NodeApiTests : RegistryApiTestBase
{
    /// <summary>The suite on SQLite.</summary>
    public sealed class Sqlite : NodeApiTests
    {
        protected override StoreKind Kind => StoreKind.Sqlite;
    }

    /// <summary>The suite on PostgreSQL (a fresh schema per test; needs ZOS_TEST_POSTGRES).</summary>
    public sealed class Postgres : NodeApiTests
    {
        protected override StoreKind Kind => StoreKind.Postgres;
    }

    [Fact]
    public async Task RegisterNode_Valid_ListedUpWithCapacity()
    {
        var (_, farm) = await FarmAsync();
        var (node, _) = await R.NodeAsync(farm.Id);
        var nodes = await R.Client().ListNodesAsync(farm.Id, ct: Ct);
        var view = Assert.Single(nodes);
        Assert.Equal(node.Id, view.Id);
        Assert.Equal(NodeStatus.Up, view.Status);
        Assert.Equal(4, view.Capacity.CpuCores);
        Assert.Equal(TestRegistry.Start, view.FirstSeen);
    }

    [Fact]
    public async Task RegisterNode_IdentityVolatile_StoredShownAndClearedByTheNextRegistration()
    {
        var (_, farm) = await FarmAsync();
        using var node = Ed25519Identity.Generate();
        var client = R.Client(node);
        var registration = R.ConsentedRegistration(node.Id, farm.Id);
        Assert.False(registration.IdentityVolatile);

        var registered = await client.RegisterNodeAsync(registration with { IdentityVolatile = true }, Ct);
        Assert.True(registered.IdentityVolatile);
        Assert.True((await client.GetNodeAsync(node.Id, Ct)).IdentityVolatile);
        Assert.True(Assert.Single(await R.Client().ListNodesAsync(farm.Id, ct: Ct)).IdentityVolatile);
        var raw = await R.Http().GetStringAsync($"api/v1/nodes/{node.Id}", Ct);
        Assert.Contains("\"identityVolatile\":true", raw, StringComparison.Ordinal);

        // The same key registering without the flag (it found a state disk): the flag goes.
        await client.RegisterNodeAsync(registration, Ct);
        Assert.False((await client.GetNodeAsync(node.Id, Ct)).IdentityVolatile);
        var (steady, _) = await R.NodeAsync(farm.Id, "10.1.0.6/24");
        Assert.False((await client.GetNodeAsync(steady.Id, Ct)).IdentityVolatile);
    }

    [Fact]
    public async Task RegisterNode_SignedByAnotherKey_Forbidden()
    {
        using var signer = Ed25519Identity.Generate();
        using var node = Ed25519Identity.Generate();
        var e = await Refused(() => R.Client(signer).RegisterNodeAsync(TestRegistry.Registration(node.Id, null), Ct));
        Assert.Equal(HttpStatusCode.Forbidden, e.Status);
        Assert.Equal($"node '{node.Id}' must register itself; the request is signed by '{signer.Id}'", e.Detail);
    }

    [Fact]
    public async Task RegisterNode_InvalidFields_AllListed()
    {
        using var node = Ed25519Identity.Generate();
        var bad = new NodeRegistration(node.Id, 999,
            [new InterfaceInfo("Eth 0", "zz", ["10.0.0.1"])],
            new NodeCapacity(0, -1, [new DiskInfo("sda", 1, "nvme")]), new NodeVersions("", null));
        var e = await Refused(() => R.Client(node).RegisterNodeAsync(bad, Ct));
        Assert.Equal(HttpStatusCode.BadRequest, e.Status);
        Assert.Equal(["'Eth 0' is not an interface name (1 to 15 characters of [a-z0-9_.-])"], e.FieldErrors["interfaces[0].name"]);
        Assert.Equal(["'zz' is not a MAC address (e.g. 52:54:00:12:34:56)"], e.FieldErrors["interfaces[0].mac"]);
        Assert.Equal(["'10.0.0.1' is not an address with prefix length (e.g. 10.0.0.5/24)"], e.FieldErrors["interfaces[0].addresses[0]"]);
        Assert.Equal(["0 is below 1"], e.FieldErrors["capacity.cpuCores"]);
        Assert.Equal(["-1 is negative"], e.FieldErrors["capacity.memoryBytes"]);
        Assert.Equal(["'nvme' is neither 'ssd' nor 'hdd'"], e.FieldErrors["capacity.disks[0].kind"]);
        Assert.Equal(["is required"], e.FieldErrors["versions.zos"]);
    }

    [Fact]
    public async Task RegisterNode_UnknownFarm_FieldError()
    {
        using var node = Ed25519Identity.Generate();
        var e = await Refused(() => R.Client(node).RegisterNodeAsync(TestRegistry.Registration(node.Id, 4242), Ct));
        Assert.Equal(["farm 4242 does not exist"], e.FieldErrors["farmId"]);
    }

    [Fact]
    public async Task ListNodes_Orphans_ListedApart()
    {
        var (_, farm) = await FarmAsync();
        var (inFarm, _) = await R.NodeAsync(farm.Id);
        var (orphan, _) = await R.NodeAsync(null);
        var orphans = await R.Client().ListNodesAsync(orphans: true, ct: Ct);
        Assert.Equal([orphan.Id], orphans.Select(n => n.Id));
        Assert.Equal([inFarm.Id], (await R.Client().ListNodesAsync(farm.Id, ct: Ct)).Select(n => n.Id));
    }

    [Fact]
    public async Task Heartbeats_Stop_StatusTurnsDownAfterThreeIntervals()
    {
        var (_, farm) = await FarmAsync();
        var (node, client) = await R.NodeAsync(farm.Id);
        var health = new NodeHealth(true, false, 30, [new NicHealth("eth0", true, ["10.1.0.5/24"])]);
        await client.HeartbeatAsync(node.Id, new Heartbeat(100, health), Ct);
        R.Time.Advance(TimeSpan.FromSeconds(180));
        Assert.Equal(NodeStatus.Up, (await client.GetNodeAsync(node.Id, Ct)).Status);
        R.Time.Advance(TimeSpan.FromSeconds(1));
        var down = await client.GetNodeAsync(node.Id, Ct);
        Assert.Equal(NodeStatus.Down, down.Status);
        var nic = Assert.Single(down.Health!.Nics);
        Assert.Equal(("eth0", true, "10.1.0.5/24"), (nic.Name, nic.Carrier, nic.Addresses.Single()));
        Assert.Equal([node.Id], (await R.Client().ListNodesAsync(status: NodeStatus.Down, ct: Ct)).Select(n => n.Id));
        await client.HeartbeatAsync(node.Id, new Heartbeat(300, health), Ct);
        Assert.Equal(NodeStatus.Up, (await client.GetNodeAsync(node.Id, Ct)).Status);
    }

    [Fact]
    public async Task UptimePercent_HalfTheIntervalsWithHeartbeat_Fifty()
    {
        var (node, client) = await R.NodeAsync(null);
        var health = new NodeHealth(true, true, null, []);
        // 10 one-minute intervals since first seen; heartbeats in 5 of them.
        for (var i = 0; i < 10; i++)
        {
            if (i % 2 == 0)
                await client.HeartbeatAsync(node.Id, new Heartbeat(i * 60, health), Ct);
            if (i < 9)
                R.Time.Advance(TimeSpan.FromMinutes(1));
        }
        Assert.Equal(50.0, (await client.GetNodeAsync(node.Id, Ct)).UptimePercent);
    }

    [Fact]
    public async Task Heartbeats_ManyNodesAtOnce_EachNodeKeepsItsLastAndOneUptimeBucketPerInterval()
    {
        // Heartbeats of concurrent nodes are committed in groups; each is acknowledged only with its own row written.
        var nodes = new List<(Ed25519Identity Id, RegistryClient Client)>();
        for (var i = 0; i < 12; i++)
            nodes.Add(await R.NodeAsync(null, $"10.1.0.{i + 10}/24"));
        for (var interval = 0; interval < 2; interval++)
        {
            var round = interval;
            await Task.WhenAll(nodes.Select(async (n, i) =>
            {
                for (var beat = 1; beat <= 5; beat++)
                    await n.Client.HeartbeatAsync(n.Id.Id, new Heartbeat(round * 1000 + i * 10 + beat, new NodeHealth(true, true, i, [])), Ct);
            }));
            if (interval == 0)
                R.Time.Advance(TimeSpan.FromMinutes(1));
        }
        var views = (await R.Client().ListNodesAsync(orphans: true, ct: Ct)).ToDictionary(v => v.Id);
        for (var i = 0; i < nodes.Count; i++)
        {
            var view = views[nodes[i].Id.Id];
            Assert.Equal(1000 + i * 10 + 5, view.UptimeSeconds);
            Assert.Equal(i, view.Health!.LeaseAgeSeconds);
            // Two one-minute intervals since first seen, a heartbeat in both (five each, counted once).
            Assert.Equal(100.0, view.UptimePercent);
        }
    }

    [Fact]
    public async Task Heartbeat_OtherNodeOrUnknown_Refused()
    {
        var (node, _) = await R.NodeAsync(null);
        using var stranger = Ed25519Identity.Generate();
        var health = new NodeHealth(true, true, null, []);
        var forbidden = await Refused(() => R.Client(stranger).HeartbeatAsync(node.Id, new Heartbeat(1, health), Ct));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.Status);
        var unknown = await Refused(() => R.Client(stranger).HeartbeatAsync(stranger.Id, new Heartbeat(1, health), Ct));
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
    }

    [Fact]
    public async Task GetNode_Unknown_NotFound()
    {
        var e = await Refused(() => R.Client().GetNodeAsync("nope", Ct));
        Assert.Equal(HttpStatusCode.NotFound, e.Status);
        Assert.Equal("node nope is not registered", e.Detail);
    }
}
