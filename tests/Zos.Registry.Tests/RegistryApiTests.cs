using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Xunit;
using Zos.Client;
using Zos.Core.Contracts;
using Zos.Core.Public;
using Zos.Linux.WireGuard;
using Zos.Registry.Tests.Support;

namespace Zos.Registry.Tests;

/// <summary>The API suite; it runs once per store (<see cref="SqliteRegistryApiTests"/>, <see cref="PostgresRegistryApiTests"/>).</summary>
public abstract class RegistryApiTests : RegistryTestBase
{

    private async Task<(RegistryClient Owner, Farm Farm)> FarmAsync(string name = "farm-one")
    {
        var (_, owner, _) = await R.AccountAsync("owner-" + name);
        var farm = await owner.CreateFarmAsync(new FarmCreate(name, [new FarmIpAdd("203.0.113.10/24", "203.0.113.1")], ["2001:db8:1::/48"]), Ct);
        return (owner, farm);
    }

    private static async Task<RegistryException> Refused(Func<Task> call) => await Assert.ThrowsAsync<RegistryException>(call);

    // Accounts

    [Fact]
    public async Task CreateAccount_OwnKey_CanBeReadBackByIdAndKey()
    {
        var (id, client, account) = await R.AccountAsync("alice");
        Assert.Equal("alice", account.Name);
        Assert.Equal(id.Id, account.PublicKey);
        Assert.Equal(account, await client.GetAccountAsync(account.Id, Ct));
        Assert.Equal(account.Id, (await client.GetMyAccountAsync(Ct)).Id);
    }

    [Fact]
    public async Task CreateAccount_SomeoneElsesKey_Forbidden()
    {
        using var signer = Ed25519Identity.Generate();
        using var other = Ed25519Identity.Generate();
        var e = await Refused(() => SendSignedAsync(signer, HttpMethod.Post, "api/v1/accounts", new AccountCreate("bob", other.Id)));
        Assert.Equal(HttpStatusCode.Forbidden, e.Status);
        Assert.Equal($"an account is created with its own key: publicKey '{other.Id}' is not the signing key '{signer.Id}'", e.Detail);
    }

    [Fact]
    public async Task CreateAccount_NameTaken_Conflict()
    {
        await R.AccountAsync("carol");
        var e = await Refused(() => R.AccountAsync("carol"));
        Assert.Equal(HttpStatusCode.Conflict, e.Status);
        Assert.Equal(["an account named 'carol' exists already"], e.FieldErrors["name"]);
    }

    [Fact]
    public async Task CreateAccount_BadName_ListsFieldError()
    {
        using var id = Ed25519Identity.Generate();
        var e = await Refused(() => R.Client(id).CreateAccountAsync("a b", Ct));
        Assert.Equal(HttpStatusCode.BadRequest, e.Status);
        Assert.Equal(["'a b' may contain only letters, digits, '_' and '-'"], e.FieldErrors["name"]);
    }

    // Signatures

    [Fact]
    public async Task Write_Unsigned_Unauthorized()
    {
        var response = await R.Http().PostAsJsonAsync("api/v1/farms", new FarmCreate("unsigned"), ContractJson.Options, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("the request is not signed: missing header(s) X-Zos-Key, X-Zos-Timestamp, X-Zos-Nonce, X-Zos-Signature",
            problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Write_SignedByOtherKeyThanClaimed_Unauthorized()
    {
        using var real = Ed25519Identity.Generate();
        using var claimed = Ed25519Identity.Generate();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(R.Http().BaseAddress!, "api/v1/accounts"))
        {
            Content = JsonContent.Create(new AccountCreate("mallory", claimed.Id), options: ContractJson.Options),
        };
        await new RequestSigner(real, R.Time).SignAsync(request, Ct);
        request.Headers.Remove(RequestSigning.KeyHeader);
        request.Headers.Add(RequestSigning.KeyHeader, claimed.Id);
        var response = await R.Http().SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal($"the signature does not verify for key '{claimed.Id}'", await DetailAsync(response));
    }

    [Fact]
    public async Task Write_TamperedBody_Unauthorized()
    {
        using var id = Ed25519Identity.Generate();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(R.Http().BaseAddress!, "api/v1/accounts"))
        {
            Content = JsonContent.Create(new AccountCreate("dave", id.Id), options: ContractJson.Options),
        };
        await new RequestSigner(id, R.Time).SignAsync(request, Ct);
        var headers = request.Headers.ToList();
        using var tampered = new HttpRequestMessage(HttpMethod.Post, request.RequestUri)
        {
            Content = JsonContent.Create(new AccountCreate("eve", id.Id), options: ContractJson.Options),
        };
        foreach (var h in headers)
            tampered.Headers.TryAddWithoutValidation(h.Key, h.Value);
        var response = await R.Http().SendAsync(tampered, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Write_TimestampOff61Seconds_Unauthorized()
    {
        using var id = Ed25519Identity.Generate();
        var skewed = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(R.Time.GetUtcNow() - TimeSpan.FromSeconds(61));
        var e = await Refused(() => R.Client(id, skewed).CreateAccountAsync("late", Ct));
        Assert.Equal(HttpStatusCode.Unauthorized, e.Status);
        var sent = skewed.GetUtcNow().ToUnixTimeSeconds();
        Assert.Equal($"the signature timestamp {sent} is 61 s away from the registry clock; at most 60 s are allowed", e.Detail);
    }

    [Fact]
    public async Task Write_TimestampOff60Seconds_Accepted()
    {
        using var id = Ed25519Identity.Generate();
        var skewed = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(R.Time.GetUtcNow() + TimeSpan.FromSeconds(60));
        var account = await R.Client(id, skewed).CreateAccountAsync("early", Ct);
        Assert.Equal("early", account.Name);
    }

    [Fact]
    public async Task Write_Replayed_Unauthorized()
    {
        using var id = Ed25519Identity.Generate();
        using var first = new HttpRequestMessage(HttpMethod.Post, new Uri(R.Http().BaseAddress!, "api/v1/accounts"))
        {
            Content = JsonContent.Create(new AccountCreate("frank", id.Id), options: ContractJson.Options),
        };
        await new RequestSigner(id, R.Time).SignAsync(first, Ct);
        var body = await first.Content!.ReadAsByteArrayAsync(Ct);
        var headers = first.Headers.ToList();
        Assert.Equal(HttpStatusCode.Created, (await R.Http().SendAsync(first, Ct)).StatusCode);

        using var replay = new HttpRequestMessage(HttpMethod.Post, first.RequestUri) { Content = new ByteArrayContent(body) };
        replay.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        foreach (var h in headers)
            replay.Headers.TryAddWithoutValidation(h.Key, h.Value);
        var response = await R.Http().SendAsync(replay, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var nonce = headers.Single(h => h.Key == RequestSigning.NonceHeader).Value.Single();
        Assert.Equal($"replayed request: nonce '{nonce}' of key '{id.Id}' was used already", await DetailAsync(response));
    }

    private static async Task<string?> DetailAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString();

    private async Task<HttpResponseMessage> SendSignedAsync(Ed25519Identity id, HttpMethod method, string path, object body)
    {
        using var request = new HttpRequestMessage(method, new Uri(R.Http().BaseAddress!, path))
        {
            Content = JsonContent.Create(body, body.GetType(), options: ContractJson.Options),
        };
        await new RequestSigner(id, R.Time).SignAsync(request, Ct);
        var response = await R.Http().SendAsync(request, Ct);
        if (!response.IsSuccessStatusCode)
        {
            var p = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
            throw new RegistryException(response.StatusCode, method.Method, path, p.GetProperty("title").GetString()!,
                p.TryGetProperty("detail", out var d) ? d.GetString() : null, new Dictionary<string, string[]>());
        }
        return response;
    }

    // Farms

    [Fact]
    public async Task CreateFarm_Valid_ListedAndReadable()
    {
        var (owner, farm) = await FarmAsync();
        Assert.True(farm.Id > 0);
        Assert.Equal([new FarmPublicIp("203.0.113.10/24", "203.0.113.1", null)], farm.PublicIps);
        Assert.Equal("prod", farm.Boot.Runmode);
        Assert.Equal(farm.Name, (await owner.GetFarmAsync(farm.Id, Ct)).Name);
        Assert.Contains(await R.Client().ListFarmsAsync(Ct), f => f.Id == farm.Id);
    }

    [Fact]
    public async Task CreateFarm_EveryFieldWrong_AllErrorsListed()
    {
        var (_, owner, _) = await R.AccountAsync("gina");
        var e = await Refused(() => owner.CreateFarmAsync(new FarmCreate("x",
            [new FarmIpAdd("203.0.113.10/24", "198.51.100.1"), new FarmIpAdd("not-an-ip", "203.0.113.1"), new FarmIpAdd("203.0.113.11/24", "203.0.113.11")],
            ["10.0.0.0/8"], new BootProfile("staging", "a\nb")), Ct));
        Assert.Equal(HttpStatusCode.BadRequest, e.Status);
        Assert.Equal(["'x' is 1 characters long; 3 to 40 are allowed"], e.FieldErrors["name"]);
        Assert.Equal(["gateway 198.51.100.1 is not inside 203.0.113.0/24 (the subnet of 203.0.113.10/24)"], e.FieldErrors["publicIps[0].gateway"]);
        Assert.Equal(["'not-an-ip' is not an IPv4 address with a prefix length (e.g. 198.51.100.10/24)"], e.FieldErrors["publicIps[1].ip"]);
        Assert.Equal(["gateway 203.0.113.11 is the address itself (203.0.113.11/24)"], e.FieldErrors["publicIps[2].gateway"]);
        Assert.Equal(["'10.0.0.0/8' is not an IPv6 prefix (e.g. 2001:db8:1::/48)"], e.FieldErrors["ipv6Prefixes[0]"]);
        Assert.Equal(["'staging' is not a runmode; use one of prod, test, dev, qa"], e.FieldErrors["boot.runmode"]);
        Assert.Equal(["'a b' contains a control character; kernel arguments are one line"], e.FieldErrors["boot.kernelArgs"]);
    }

    [Fact]
    public async Task AddFarmIp_PrivateAddress_RefusedAsNotPublic()
    {
        var (owner, farm) = await FarmAsync();
        var e = await Refused(() => owner.AddFarmIpAsync(farm.Id, new FarmIpAdd("192.168.1.10/24", "192.168.1.1"), Ct));
        var ip = System.Net.IPAddress.Parse("192.168.1.10");
        var gw = System.Net.IPAddress.Parse("192.168.1.1");
        Assert.Equal([$"{ip} is {Zos.Core.Primitives.AddressClassifier.Describe(ip)}; a public address is required"], e.FieldErrors["ip"]);
        Assert.Equal([$"{gw} is {Zos.Core.Primitives.AddressClassifier.Describe(gw)}; a public address is required"], e.FieldErrors["gateway"]);
    }

    [Fact]
    public async Task CreateFarm_NoAccount_Forbidden()
    {
        using var id = Ed25519Identity.Generate();
        var e = await Refused(() => R.Client(id).CreateFarmAsync(new FarmCreate("nobody"), Ct));
        Assert.Equal(HttpStatusCode.Forbidden, e.Status);
        Assert.Equal($"the signing key '{id.Id}' has no account; create one first (zos account create)", e.Detail);
    }

    [Fact]
    public async Task CreateFarm_NameTaken_Conflict()
    {
        var (owner, _) = await FarmAsync("taken");
        var e = await Refused(() => owner.CreateFarmAsync(new FarmCreate("taken"), Ct));
        Assert.Equal(HttpStatusCode.Conflict, e.Status);
        Assert.Equal(["a farm named 'taken' exists already"], e.FieldErrors["name"]);
    }

    [Fact]
    public async Task FarmIps_AddDuplicateRemove_FollowRules()
    {
        var (owner, farm) = await FarmAsync();
        var added = await owner.AddFarmIpAsync(farm.Id, new FarmIpAdd("203.0.113.11/24", "203.0.113.1"), Ct);
        Assert.Equal(2, added.PublicIps.Count);
        var dup = await Refused(() => owner.AddFarmIpAsync(farm.Id, new FarmIpAdd("203.0.113.11/24", "203.0.113.1"), Ct));
        Assert.Equal(HttpStatusCode.Conflict, dup.Status);
        Assert.Equal([$"farm {farm.Id} has the IP '203.0.113.11/24' already"], dup.FieldErrors["ip"]);
        var bad = await Refused(() => owner.AddFarmIpAsync(farm.Id, new FarmIpAdd("203.0.113.12/24", "203.0.114.1"), Ct));
        Assert.Equal(["gateway 203.0.114.1 is not inside 203.0.113.0/24 (the subnet of 203.0.113.12/24)"], bad.FieldErrors["gateway"]);
        var removed = await owner.RemoveFarmIpAsync(farm.Id, "203.0.113.11/24", Ct);
        Assert.Single(removed.PublicIps);
        var missing = await Refused(() => owner.RemoveFarmIpAsync(farm.Id, "203.0.113.99/24", Ct));
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
    }

    [Fact]
    public async Task FarmChanges_ByAnotherFarmer_Forbidden()
    {
        var (_, farm) = await FarmAsync();
        var (_, other, otherAccount) = await R.AccountAsync("intruder");
        var expected = $"farm {farm.Id} belongs to account {farm.OwnerId}, not to account {otherAccount.Id} (intruder)";
        foreach (var call in new Func<Task>[]
                 {
                     () => other.AddFarmIpAsync(farm.Id, new FarmIpAdd("203.0.113.20/24", "203.0.113.1"), Ct),
                     () => other.SetFarmMacAsync(farm.Id, new BootMac("52:54:00:00:00:01", ""), Ct),
                     () => other.SetBootProfileAsync(farm.Id, new BootProfile("dev", ""), Ct),
                     () => other.RemoveFarmIpAsync(farm.Id, "203.0.113.10/24", Ct),
                 })
        {
            var e = await Refused(call);
            Assert.Equal(HttpStatusCode.Forbidden, e.Status);
            Assert.Equal(expected, e.Detail);
        }
    }

    [Fact]
    public async Task FarmMacs_SetAndResolve_BootAssignmentCombinesArgs()
    {
        var (owner, farm) = await FarmAsync();
        await owner.SetBootProfileAsync(farm.Id, new BootProfile("test", "console=ttyS0"), Ct);
        var updated = await owner.SetFarmMacAsync(farm.Id, new BootMac("52-54-00-AA-BB-CC", "vlan:priv=10"), Ct);
        Assert.Equal([new BootMac("52:54:00:aa:bb:cc", "vlan:priv=10")], updated.Macs);
        var assignment = await R.Client().GetBootAssignmentAsync("525400aabbcc", Ct);
        Assert.Equal(new BootAssignment(farm.Id, "52:54:00:aa:bb:cc", "test", "console=ttyS0 vlan:priv=10"), assignment);
        Assert.Null(await R.Client().GetBootAssignmentAsync("52:54:00:00:00:09", Ct));
        await owner.RemoveFarmMacAsync(farm.Id, "52:54:00:aa:bb:cc", Ct);
        Assert.Null(await R.Client().GetBootAssignmentAsync("52:54:00:aa:bb:cc", Ct));
    }

    [Fact]
    public async Task FarmMacs_BadMacOrOnAnotherFarm_Refused()
    {
        var (owner, farm) = await FarmAsync("macs-a");
        var (owner2, farm2) = await FarmAsync("macs-b");
        var bad = await Refused(() => owner.SetFarmMacAsync(farm.Id, new BootMac("52:54:00:zz:00:01", ""), Ct));
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.Equal(["'52:54:00:zz:00:01' is not a MAC address (e.g. 52:54:00:12:34:56)"], bad.FieldErrors["mac"]);
        await owner.SetFarmMacAsync(farm.Id, new BootMac("52:54:00:00:00:01", ""), Ct);
        var taken = await Refused(() => owner2.SetFarmMacAsync(farm2.Id, new BootMac("52:54:00:00:00:01", ""), Ct));
        Assert.Equal(HttpStatusCode.Conflict, taken.Status);
        Assert.Equal([$"MAC 52:54:00:00:00:01 is on the boot list of farm {farm.Id} already"], taken.FieldErrors["mac"]);
    }

    // Nodes

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
        var registration = TestRegistry.Registration(node.Id, farm.Id);
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

    // Public config

    [Fact]
    public async Task PublicConfig_SetByOwner_InNodeAndDesiredStateAndIpMarkedUsed()
    {
        var (owner, farm) = await FarmAsync();
        var (node, nodeClient) = await R.NodeAsync(farm.Id);
        var before = (await nodeClient.GetDesiredStateAsync(node.Id, null, TimeSpan.Zero, Ct)).State!;
        var config = new PublicConfig(new PublicIpConfig("203.0.113.10/24", "203.0.113.1"), new PublicIpConfig("2001:db8:1::10/64", "2001:db8:1::1"), "node1.example.org");
        var view = await owner.SetPublicConfigAsync(node.Id, config, Ct);
        Assert.Equal(config, view.PublicConfig);
        var after = (await nodeClient.GetDesiredStateAsync(node.Id, before.Version, TimeSpan.Zero, Ct)).State!;
        Assert.True(after.Version > before.Version);
        Assert.Equal(config, after.PublicConfig);
        Assert.Equal(node.Id, (await owner.GetFarmAsync(farm.Id, Ct)).PublicIps.Single().UsedBy);
        var inUse = await Refused(() => owner.RemoveFarmIpAsync(farm.Id, "203.0.113.10/24", Ct));
        Assert.Equal(HttpStatusCode.Conflict, inUse.Status);

        var cleared = await owner.UnsetPublicConfigAsync(node.Id, Ct);
        Assert.Null(cleared.PublicConfig);
        Assert.Null((await owner.GetFarmAsync(farm.Id, Ct)).PublicIps.Single().UsedBy);
    }

    [Fact]
    public async Task PublicConfig_Invalid_AllErrorsListed()
    {
        var (owner, farm) = await FarmAsync();
        var (node, _) = await R.NodeAsync(farm.Id);
        var e = await Refused(() => owner.SetPublicConfigAsync(node.Id,
            new PublicConfig(new PublicIpConfig("203.0.113.10/24", "203.0.113.10"), new PublicIpConfig("2001:db8:1::10/64", "2001:db8:2::1"), "bad_domain"), Ct));
        Assert.Equal(HttpStatusCode.BadRequest, e.Status);
        Assert.Equal(["gateway 203.0.113.10 is the address itself (203.0.113.10/24)"], e.FieldErrors["ipv4.gateway"]);
        Assert.Equal(["gateway 2001:db8:2::1 is not inside 2001:db8:1::/64 (the subnet of 2001:db8:1::10/64)"], e.FieldErrors["ipv6.gateway"]);
        Assert.Equal(["'bad_domain' contains '_'; a domain has only letters, digits, '.' and '-'"], e.FieldErrors["domain"]);
    }

    [Fact]
    public async Task PublicConfig_OutsideFarmSubnetsOrUsedTwice_Refused()
    {
        var (owner, farm) = await FarmAsync();
        var (a, _) = await R.NodeAsync(farm.Id);
        var (b, _) = await R.NodeAsync(farm.Id);
        var outside = await Refused(() => owner.SetPublicConfigAsync(a.Id, new PublicConfig(new PublicIpConfig("198.51.100.5/24", "198.51.100.1")), Ct));
        Assert.Equal([$"198.51.100.5 is not in farm {farm.Id}'s registered public IPv4 subnets (203.0.113.0/24)"], outside.FieldErrors["ipv4.address"]);
        await owner.SetPublicConfigAsync(a.Id, new PublicConfig(new PublicIpConfig("203.0.113.10/24", "203.0.113.1")), Ct);
        var twice = await Refused(() => owner.SetPublicConfigAsync(b.Id, new PublicConfig(new PublicIpConfig("203.0.113.10/24", "203.0.113.1")), Ct));
        Assert.Equal([$"203.0.113.10 is used by node {a.Id} already"], twice.FieldErrors["ipv4.address"]);
    }

    [Fact]
    public async Task PublicConfig_ByAnotherFarmerOrOnOrphan_Refused()
    {
        var (_, farm) = await FarmAsync();
        var (node, _) = await R.NodeAsync(farm.Id);
        var (orphan, _) = await R.NodeAsync(null);
        var (_, other, otherAccount) = await R.AccountAsync("not-owner");
        var config = new PublicConfig(new PublicIpConfig("203.0.113.10/24", "203.0.113.1"));
        var forbidden = await Refused(() => other.SetPublicConfigAsync(node.Id, config, Ct));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.Status);
        Assert.Equal($"node {node.Id} is in farm {farm.Id}, which belongs to account {farm.OwnerId}, not to account {otherAccount.Id} (not-owner)", forbidden.Detail);
        var orphaned = await Refused(() => other.SetPublicConfigAsync(orphan.Id, config, Ct));
        Assert.Equal(HttpStatusCode.Conflict, orphaned.Status);
    }

    // Desired state and long-poll

    [Fact]
    public async Task DesiredState_KnownVersion_NotModifiedWithETag()
    {
        var (node, client) = await R.NodeAsync(null);
        var first = await client.GetDesiredStateAsync(node.Id, null, TimeSpan.Zero, Ct);
        Assert.True(first.Changed);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/v1/nodes/{node.Id}/desired-state");
        request.Headers.TryAddWithoutValidation("If-None-Match", DesiredState.ETagOf(first.State!.Version));
        var response = await R.Http().SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Equal(DesiredState.ETagOf(first.State.Version), response.Headers.ETag?.ToString());
    }

    [Fact]
    public async Task DesiredState_LongPoll_WakesOnChange()
    {
        var (owner, farm) = await FarmAsync();
        var (node, client) = await R.NodeAsync(farm.Id);
        var v = (await client.GetDesiredStateAsync(node.Id, null, TimeSpan.Zero, Ct)).State!.Version;
        var poll = client.GetDesiredStateAsync(node.Id, v, TimeSpan.FromSeconds(30), Ct);
        await Task.Delay(200, Ct);
        Assert.False(poll.IsCompleted);
        await owner.SetPublicConfigAsync(node.Id, new PublicConfig(new PublicIpConfig("203.0.113.10/24", "203.0.113.1")), Ct);
        var result = await poll.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.True(result.Changed);
        Assert.Equal("203.0.113.10/24", result.State!.PublicConfig!.Ipv4.Address);
    }

    [Fact]
    public async Task DesiredState_LongPoll_TimesOutWithNotModified()
    {
        var (node, client) = await R.NodeAsync(null);
        var v = (await client.GetDesiredStateAsync(node.Id, null, TimeSpan.Zero, Ct)).State!.Version;
        var poll = client.GetDesiredStateAsync(node.Id, v, TimeSpan.FromSeconds(20), Ct);
        await Task.Delay(200, Ct);
        Assert.False(poll.IsCompleted);
        // The registry's clock drives the wait: advance it in steps (shared stores re-read on an interval).
        for (var i = 0; i < 50 && !poll.IsCompleted; i++)
        {
            R.Time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(20, Ct);
        }
        var result = await poll.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.False(result.Changed);
    }

    // Networks

    [Fact]
    public async Task Network_CreateAddShowRemove_MembersAndSubnets()
    {
        var (_, owner, account) = await R.AccountAsync("netowner");
        var (a, _) = await R.NodeAsync(null);
        var (b, _) = await R.NodeAsync(null);
        var net = await owner.CreateNetworkAsync(new NetworkCreate("office", "10.20.0.0/16"), Ct);
        Assert.Equal(Zos.Core.Naming.NetId.Derive(account.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "office").Value, net.NetId);
        await owner.AddNetworkMemberAsync(net.NetId, new NetworkMemberAdd(a.Id), Ct);
        var withB = await owner.AddNetworkMemberAsync(net.NetId, new NetworkMemberAdd(b.Id, "10.20.9.0/24"), Ct);
        Assert.Equal(["10.20.2.0/24", "10.20.9.0/24"], withB.Members.Select(m => m.Subnet));
        Assert.Equal(3, withB.Version);
        var shown = await R.Client().GetNetworkAsync(net.NetId, Ct);
        Assert.Equal(withB.Members.Select(m => m.Id), shown.Members.Select(m => m.Id));
        var removed = await owner.RemoveNetworkMemberAsync(net.NetId, a.Id, Ct);
        Assert.Equal([b.Id], removed.Members.Select(m => m.Id));
    }

    [Fact]
    public async Task Network_InvalidOrDuplicate_Refused()
    {
        var (_, owner, _) = await R.AccountAsync("netowner2");
        var e = await Refused(() => owner.CreateNetworkAsync(new NetworkCreate("n", "10.20.1.0/16"), Ct));
        Assert.Equal(["'n' is 1 characters long; 3 to 40 are allowed"], e.FieldErrors["name"]);
        Assert.Equal(["'10.20.1.0/16' has host bits set; the range is 10.20.0.0/16"], e.FieldErrors["range"]);
        var net = await owner.CreateNetworkAsync(new NetworkCreate("dup", "10.30.0.0/16"), Ct);
        var dup = await Refused(() => owner.CreateNetworkAsync(new NetworkCreate("dup", "10.31.0.0/16"), Ct));
        Assert.Equal(HttpStatusCode.Conflict, dup.Status);
        var (a, _) = await R.NodeAsync(null);
        await owner.AddNetworkMemberAsync(net.NetId, new NetworkMemberAdd(a.Id), Ct);
        var again = await Refused(() => owner.AddNetworkMemberAsync(net.NetId, new NetworkMemberAdd(a.Id), Ct));
        Assert.Equal([$"node {a.Id} is a member of network {net.NetId} already"], again.FieldErrors["nodeId"]);
        var (c, _) = await R.NodeAsync(null);
        var outside = await Refused(() => owner.AddNetworkMemberAsync(net.NetId, new NetworkMemberAdd(c.Id, "10.99.0.0/24"), Ct));
        Assert.Equal(["'10.99.0.0/24' is not a /24 inside 10.30.0.0/16"], outside.FieldErrors["subnet"]);
    }

    [Fact]
    public async Task Network_ChangedByAnotherOwner_Forbidden()
    {
        var (_, owner, account) = await R.AccountAsync("rightful");
        var (_, other, otherAccount) = await R.AccountAsync("someone");
        var (a, _) = await R.NodeAsync(null);
        var net = await owner.CreateNetworkAsync(new NetworkCreate("mine", "10.40.0.0/16"), Ct);
        var expected = $"network {net.NetId} belongs to account {account.Id}, not to account {otherAccount.Id} (someone)";
        foreach (var call in new Func<Task>[]
                 {
                     () => other.AddNetworkMemberAsync(net.NetId, new NetworkMemberAdd(a.Id), Ct),
                     () => other.RemoveNetworkMemberAsync(net.NetId, a.Id, Ct),
                     () => other.JoinNetworkAsync(net.NetId, new UserAccessJoin("laptop", WireGuardKeyPair.Generate().PublicKey.ToBase64()), Ct),
                 })
        {
            var e = await Refused(call);
            Assert.Equal(HttpStatusCode.Forbidden, e.Status);
            Assert.Equal(expected, e.Detail);
        }
    }

    [Fact]
    public async Task Network_ConcurrentMemberAdds_NoneLost()
    {
        var (ownerId, _, _) = await R.AccountAsync("busy");
        var nodes = new List<string>();
        for (var i = 0; i < 12; i++)
            nodes.Add((await R.NodeAsync(null)).Id.Id);
        var net = await R.Client(ownerId).CreateNetworkAsync(new NetworkCreate("busy-net", "10.50.0.0/16"), Ct);
        // Each writer has its own client (own connection), all at once.
        await Task.WhenAll(nodes.Select(n => Task.Run(() => R.Client(ownerId).AddNetworkMemberAsync(net.NetId, new NetworkMemberAdd(n), Ct), Ct)));
        var final = await R.Client().GetNetworkAsync(net.NetId, Ct);
        Assert.Equal(nodes.Order(StringComparer.Ordinal), final.Members.Select(m => m.Id).Order(StringComparer.Ordinal));
        Assert.Equal(12, final.Members.Select(m => m.Subnet).Distinct().Count());
        Assert.Equal(13, final.Version);
    }

    [Fact]
    public async Task Network_Join_UserAccessPeersWithAccessNodeAndNodeGetsPeer()
    {
        var (_, owner, _) = await R.AccountAsync("joiner");
        var (a, aClient) = await R.NodeAsync(null);
        var net = await owner.CreateNetworkAsync(new NetworkCreate("vpn", "10.60.0.0/16"), Ct);
        await owner.AddNetworkMemberAsync(net.NetId, new NetworkMemberAdd(a.Id), Ct);
        var nodeKey = WireGuardKeyPair.Generate().PublicKey.ToBase64();
        await aClient.ReportAsync(a.Id, TestRegistry.NetworkDeployed(net.NetId, nodeKey, "203.0.113.5:3000"), Ct);

        var keys = WireGuardKeyPair.Generate();
        var config = await owner.JoinNetworkAsync(net.NetId, new UserAccessJoin("laptop", keys.PublicKey.ToBase64()), Ct);
        Assert.Null(config.MeshError);
        Assert.Equal("10.60.3.0/24", config.Subnet);
        Assert.Equal("100.64.60.3/32", config.Address);
        var peer = Assert.Single(config.Peers);
        Assert.Equal((nodeKey, "203.0.113.5:3000"), (peer.PublicKey, peer.Endpoint));
        Assert.Contains($"PrivateKey = {config.PrivateKeyMarker}", config.WgQuick);
        Assert.DoesNotContain(keys.PrivateKey.ToBase64(), config.WgQuick);

        var member = (await owner.GetNetworkAsync(net.NetId, Ct)).Members.Single(m => m.Id == "laptop");
        Assert.Equal(("user", "10.60.3.0/24", keys.PublicKey.ToBase64()), (member.Kind, member.Subnet, member.PublicKey));
        var nodeState = (await aClient.GetDesiredStateAsync(a.Id, null, TimeSpan.Zero, Ct)).State!;
        var toLaptop = Assert.Single(Assert.Single(nodeState.Networks).Peers);
        Assert.Equal(keys.PublicKey.ToBase64(), toLaptop.PublicKey);
        Assert.Contains("10.60.3.0/24", toLaptop.AllowedIps);

        var bad = await Refused(() => owner.JoinNetworkAsync(net.NetId, new UserAccessJoin("phone", "short"), Ct));
        Assert.Equal(["'short' is not a WireGuard public key (base64 of 32 bytes)"], bad.FieldErrors["publicKey"]);
    }

    [Fact]
    public async Task Network_JoinAgainWithSameKey_AnswersCurrentPeersAndAnotherKeyIsRefused()
    {
        var (_, owner, _) = await R.AccountAsync("rejoiner");
        var (a, aClient) = await R.NodeAsync(null);
        var net = await owner.CreateNetworkAsync(new NetworkCreate("early", "10.61.0.0/16"), Ct);
        await owner.AddNetworkMemberAsync(net.NetId, new NetworkMemberAdd(a.Id), Ct);
        var keys = WireGuardKeyPair.Generate();

        // Before the node reported its key there is no access node: no peer yet.
        var early = await owner.JoinNetworkAsync(net.NetId, new UserAccessJoin("laptop", keys.PublicKey.ToBase64()), Ct);
        Assert.Empty(early.Peers);
        Assert.Null(early.WgQuick);
        Assert.Equal(RegistryService.NoAccessNodeYet, early.MeshError);
        var versionAfterJoin = (await owner.GetNetworkAsync(net.NetId, Ct)).Version;

        var nodeKey = WireGuardKeyPair.Generate().PublicKey.ToBase64();
        await aClient.ReportAsync(a.Id, TestRegistry.NetworkDeployed(net.NetId, nodeKey, "203.0.113.5:3000"), Ct);
        var again = await owner.JoinNetworkAsync(net.NetId, new UserAccessJoin("laptop", keys.PublicKey.ToBase64()), Ct);
        Assert.Equal(early.Subnet, again.Subnet);
        var peer = Assert.Single(again.Peers);
        Assert.Equal((nodeKey, "203.0.113.5:3000"), (peer.PublicKey, peer.Endpoint));
        Assert.Contains("Endpoint = 203.0.113.5:3000", again.WgQuick);
        var after = await owner.GetNetworkAsync(net.NetId, Ct);
        Assert.Single(after.Members, m => m.Id == "laptop");
        Assert.Equal(versionAfterJoin + 1, after.Version); // the access node the laptop was given is recorded
        await owner.JoinNetworkAsync(net.NetId, new UserAccessJoin("laptop", keys.PublicKey.ToBase64()), Ct);
        Assert.Equal(after.Version, (await owner.GetNetworkAsync(net.NetId, Ct)).Version); // nothing new: nothing written

        var other = await Refused(() => owner.JoinNetworkAsync(net.NetId, new UserAccessJoin("laptop", WireGuardKeyPair.Generate().PublicKey.ToBase64()), Ct));
        Assert.Equal([$"'laptop' is a member of network {net.NetId} already"], other.FieldErrors["name"]);
    }

    [Fact]
    public async Task Network_UserJoined_AccessNodeKeptWhenABetterRankedNodeReportsAndReplacedWhenItLeaves()
    {
        var (_, owner, _) = await R.AccountAsync("sticky");
        var (a, aClient) = await R.NodeAsync(null);
        var (b, bClient) = await R.NodeAsync(null);
        var net = await owner.CreateNetworkAsync(new NetworkCreate("sticky", "10.62.0.0/16"), Ct);
        await owner.AddNetworkMemberAsync(net.NetId, new NetworkMemberAdd(a.Id), Ct);
        await owner.AddNetworkMemberAsync(net.NetId, new NetworkMemberAdd(b.Id), Ct);
        var aKey = WireGuardKeyPair.Generate().PublicKey.ToBase64();
        await aClient.ReportAsync(a.Id, TestRegistry.NetworkDeployed(net.NetId, aKey, "203.0.113.5:3000"), Ct);
        var keys = WireGuardKeyPair.Generate();
        var joined = await owner.JoinNetworkAsync(net.NetId, new UserAccessJoin("laptop", keys.PublicKey.ToBase64()), Ct);
        Assert.Equal("203.0.113.5:3000", Assert.Single(joined.Peers).Endpoint);

        // b reports a dual-stack endpoint: the mesh would rank it first, but the laptop's file names a.
        var bKey = WireGuardKeyPair.Generate().PublicKey.ToBase64();
        await bClient.ReportAsync(b.Id, TestRegistry.NetworkDeployed(net.NetId, bKey, "203.0.113.6:3000", "[2001:db8::6]:3000"), Ct);
        var again = await owner.JoinNetworkAsync(net.NetId, new UserAccessJoin("laptop", keys.PublicKey.ToBase64()), Ct);
        Assert.Equal((aKey, "203.0.113.5:3000"), (Assert.Single(again.Peers).PublicKey, again.Peers[0].Endpoint));
        var aState = (await aClient.GetDesiredStateAsync(a.Id, null, TimeSpan.Zero, Ct)).State!;
        Assert.Contains(Assert.Single(aState.Networks).Peers, p => p.PublicKey == keys.PublicKey.ToBase64());

        // a leaves the network: b takes over, and joining again says so.
        await owner.RemoveNetworkMemberAsync(net.NetId, a.Id, Ct);
        var moved = await owner.JoinNetworkAsync(net.NetId, new UserAccessJoin("laptop", keys.PublicKey.ToBase64()), Ct);
        Assert.Equal(bKey, Assert.Single(moved.Peers).PublicKey);
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
        Assert.Equal(RegistryService.FirstListenPort, Assert.Single(bState.Networks).ListenPort);

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

    // Documents and aggregates

    [Fact]
    public async Task OpenApi_Document_ListsTheRoutes()
    {
        var doc = await R.Http().GetFromJsonAsync<JsonElement>("api/v1/openapi.json", Ct);
        var paths = doc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/nodes/{id}/desired-state", paths);
        Assert.Contains("/api/v1/farms/{id}/ips", paths);
        Assert.Contains("/api/v1/networks/{netId}/join", paths);
    }

    [Fact]
    public async Task Cockpit_Aggregates_CountUpNodesAndFreeIps()
    {
        var (owner, farm) = await FarmAsync();
        await owner.AddFarmIpAsync(farm.Id, new FarmIpAdd("203.0.113.11/24", "203.0.113.1"), Ct);
        var (a, _) = await R.NodeAsync(farm.Id);
        await R.NodeAsync(farm.Id);
        await R.NodeAsync(null);
        await owner.SetPublicConfigAsync(a.Id, new PublicConfig(new PublicIpConfig("203.0.113.10/24", "203.0.113.1")), Ct);
        var capacity = await R.Http().GetFromJsonAsync<CapacityOverview>("api/v1/cockpit/capacity", ContractJson.Options, Ct);
        var line = capacity!.Farms.Single(f => f.Id == farm.Id);
        Assert.Equal((2, 2, 8L, 1, 2), (line.NodesUp, line.NodesTotal, line.CpuCores, line.PublicIpsFree, line.PublicIpsTotal));
        Assert.Equal(1, capacity.OrphanNodes);
        var overview = await R.Http().GetFromJsonAsync<FarmOverview>($"api/v1/cockpit/farms/{farm.Id}", ContractJson.Options, Ct);
        Assert.Equal(2, overview!.Nodes.Count);
        Assert.Equal(a.Id, overview.Farm.PublicIps.First().UsedBy);
    }

    [Fact]
    public async Task BadJsonBody_ProblemWithDetail()
    {
        using var id = Ed25519Identity.Generate();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(R.Http().BaseAddress!, "api/v1/accounts"))
        {
            Content = new StringContent("{not json", Encoding.UTF8, "application/json"),
        };
        await new RequestSigner(id, R.Time).SignAsync(request, Ct);
        var response = await R.Http().SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
