using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using Zos.Client;
using Zos.Core.Contracts;
using Zos.Registry.Storage;
using Zos.Registry.Tests.Support;
using static Zos.Registry.Tests.Attacks.AttackRequests;

namespace Zos.Registry.Tests.Attacks;

/// <summary>
/// What a node (any key can be one) sends is bounded (issue 14): no null where a value is required, no list, string or
/// number past <see cref="ContractLimits"/>, each refusal a 400 naming the field; capacities stored before the bounds
/// (written to the store directly here) cannot overflow a sum; the caps are in the OpenAPI document; names end where
/// they end (no trailing newline). Runs once per store (<see cref="Sqlite"/>, <see cref="Postgres"/>).
/// </summary>
public abstract class InputBoundsAttackTests : RegistryApiTestBase
{
    /// <summary>The suite on SQLite.</summary>
    public sealed class Sqlite : InputBoundsAttackTests
    {
        protected override StoreKind Kind => StoreKind.Sqlite;
    }

    /// <summary>The suite on PostgreSQL (a fresh schema per test; needs ZOS_TEST_POSTGRES).</summary>
    public sealed class Postgres : InputBoundsAttackTests
    {
        protected override StoreKind Kind => StoreKind.Postgres;
    }

    private async Task<JsonElement> RegisterRefusedAsync(Ed25519Identity node, JsonObject registration)
    {
        using var response = await SendSignedAsync(R, HttpMethod.Post, "api/v1/nodes", registration.ToJsonString(), node);
        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        // Refused means not stored either.
        using var get = await R.Http().GetAsync($"api/v1/nodes/{node.Id}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        return problem;
    }

    [Fact]
    public async Task Register_MemoryOfLongMaxValue_RefusedNamingTheField()
    {
        using var node = Ed25519Identity.Generate();
        var json = Registration(node.Id);
        json["capacity"]!["memoryBytes"] = long.MaxValue;

        var problem = await RegisterRefusedAsync(node, json);

        Assert.Equal([$"{long.MaxValue} is more than the most allowed, {ContractLimits.MaxMemoryBytes}"], FieldErrors(problem, "capacity.memoryBytes"));
    }

    [Fact]
    public async Task Register_NullAddressesOfAnInterface_RefusedNamingInterfaces0Addresses()
    {
        using var node = Ed25519Identity.Generate();
        var json = Registration(node.Id);
        json["interfaces"]![0]!["addresses"] = null;

        var problem = await RegisterRefusedAsync(node, json);

        Assert.Equal(["is required (null or missing)"], FieldErrors(problem, "interfaces[0].addresses"));
    }

    [Theory]
    [InlineData("interfaces", "interfaces[0]")]
    [InlineData("capacity.disks", "capacity.disks[0]")]
    public async Task Register_NullListElement_RefusedNamingTheElement(string list, string field)
    {
        using var node = Ed25519Identity.Generate();
        var json = Registration(node.Id);
        JsonNode target = json;
        foreach (var part in list.Split('.'))
            target = target[part]!;
        target.AsArray().Insert(0, null);

        var problem = await RegisterRefusedAsync(node, json);

        Assert.Equal(["is required (null or missing)"], FieldErrors(problem, field));
    }

    [Fact]
    public async Task Register_TenThousandCharacterVersion_RefusedEchoingOnlyItsStart()
    {
        using var node = Ed25519Identity.Generate();
        var json = Registration(node.Id);
        json["versions"]!["zos"] = new string('v', 10_000);

        var problem = await RegisterRefusedAsync(node, json);

        Assert.Equal([$"'{new string('v', ContractLimits.MaxEchoLength)}… (10000 characters)' is 10000 characters long; at most {ContractLimits.MaxVersionLength} are allowed"],
            FieldErrors(problem, "versions.zos"));
    }

    [Fact]
    public async Task Register_MoreDisksThanAllowed_RefusedNamingTheList()
    {
        using var node = Ed25519Identity.Generate();
        var json = Registration(node.Id);
        var disks = new JsonArray();
        for (var i = 0; i <= ContractLimits.MaxDisks; i++)
            disks.Add(new JsonObject { ["name"] = $"sd{i}", ["sizeBytes"] = 1L << 30, ["kind"] = "hdd" });
        json["capacity"]!["disks"] = disks;

        var problem = await RegisterRefusedAsync(node, json);

        Assert.Equal([$"has {ContractLimits.MaxDisks + 1} entries; at most {ContractLimits.MaxDisks} are allowed"], FieldErrors(problem, "capacity.disks"));
    }

    [Fact]
    public async Task Register_TwoThousandDisks_RefusedWithoutStoring()
    {
        // 2,000 disks were once stored and served in every node list; now the body alone is over the route's limit.
        using var node = Ed25519Identity.Generate();
        var json = Registration(node.Id);
        json["capacity"]!["disks"] = new JsonArray([.. Enumerable.Range(0, 2000).Select(i => (JsonNode)new JsonObject { ["name"] = $"sd{i}", ["sizeBytes"] = 1, ["kind"] = "hdd" })]);

        using var response = await SendSignedAsync(R, HttpMethod.Post, "api/v1/nodes", json.ToJsonString(), node);

        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.BadRequest, HttpStatusCode.RequestEntityTooLarge });
        await ProblemAsync(response, response.StatusCode);
        using var get = await R.Http().GetAsync($"api/v1/nodes/{node.Id}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
    }

    [Fact]
    public async Task Heartbeat_NullNicAndLongProblem_RefusedNamingEach()
    {
        var (node, _) = await R.NodeAsync(null);
        var heartbeat = new JsonObject
        {
            ["uptimeSeconds"] = 10,
            ["health"] = new JsonObject
            {
                ["ipv4Internet"] = true,
                ["ipv6Internet"] = false,
                ["nics"] = new JsonArray(
                    null,
                    new JsonObject { ["name"] = "eth1", ["carrier"] = false, ["addresses"] = new JsonArray(), ["problem"] = new string('p', 600) },
                    new JsonObject { ["name"] = "eth2", ["carrier"] = true, ["addresses"] = new JsonArray((JsonNode?)null) }),
            },
        };

        using var response = await SendSignedAsync(R, HttpMethod.Post, $"api/v1/nodes/{node.Id}/heartbeat", heartbeat.ToJsonString(), node);

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(["is required (null or missing)"], FieldErrors(problem, "health.nics[0]"));
        Assert.Single(FieldErrors(problem, "health.nics[1].problem"));
        Assert.Equal(["is required (null or missing)"], FieldErrors(problem, "health.nics[2].addresses[0]"));
        Assert.Null((await R.Client().GetNodeAsync(node.Id, Ct)).Health);
    }

    [Fact]
    public async Task Report_NullNetworkAndTooManyErrors_RefusedNamingEach()
    {
        var (node, _) = await R.NodeAsync(null);
        var report = new JsonObject
        {
            ["appliedVersion"] = 1,
            ["networks"] = new JsonArray((JsonNode?)null),
            ["errors"] = new JsonArray([.. Enumerable.Range(0, ContractLimits.MaxProblems + 1).Select(i => (JsonNode)$"error {i}")]),
        };

        using var response = await SendSignedAsync(R, HttpMethod.Put, $"api/v1/nodes/{node.Id}/report", report.ToJsonString(), node);

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(["is required (null or missing)"], FieldErrors(problem, "networks[0]"));
        Assert.Equal([$"has {ContractLimits.MaxProblems + 1} entries; at most {ContractLimits.MaxProblems} are allowed"], FieldErrors(problem, "errors"));
    }

    [Fact]
    public async Task StoredCapacitiesPastLongMaxValue_CapacityOverviewAndNodeListSaturateInsteadOfFailing()
    {
        // Written to the store directly, as data stored before the bounds (or by another tool) would be.
        var (_, owner, _) = await R.AccountAsync("cap-attack");
        var farm = await owner.CreateFarmAsync(new FarmCreate("cap-attack-farm"), Ct);
        var store = R.App.Services.GetRequiredService<IRegistryStore>();
        var now = R.Time.GetUtcNow().ToUnixTimeMilliseconds();
        for (var i = 0; i < 2; i++)
        {
            using var id = Ed25519Identity.Generate();
            var capacity = new NodeCapacity(int.MaxValue, long.MaxValue,
                [new DiskInfo("sda", long.MaxValue, "ssd"), new DiskInfo("sdb", long.MaxValue, "ssd"), new DiskInfo("sdc", long.MaxValue, "hdd")]);
            await store.UpsertNodeAsync(id.Id, farm.Id, new NodeDocument([new InterfaceInfo("eth0", "52:54:00:00:00:0" + i, ["10.1.0.5/24"])], capacity,
                new NodeVersions("0.1.0", null), "eth0", null), now, Ct);
        }

        using var response = await R.Http().GetAsync("api/v1/cockpit/capacity", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var line = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("farms").EnumerateArray().Single(f => f.GetProperty("id").GetUInt32() == farm.Id);
        Assert.Equal(2, line.GetProperty("nodesUp").GetInt32());
        Assert.Equal(long.MaxValue, line.GetProperty("memoryBytes").GetInt64());
        Assert.Equal(long.MaxValue, line.GetProperty("ssdBytes").GetInt64());
        Assert.Equal(long.MaxValue, line.GetProperty("hddBytes").GetInt64());
        Assert.Equal(2L * int.MaxValue, line.GetProperty("cpuCores").GetInt64());
        var nodes = await R.Client().ListNodesAsync(farm.Id, ct: Ct);
        Assert.All(nodes, n => Assert.Equal(long.MaxValue, n.Capacity.SsdBytes));
        using var page = await R.Http().GetAsync($"api/v1/cockpit/farms/{farm.Id}", Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Theory]
    [InlineData("alice\n")]
    [InlineData("alice\r\n")]
    public async Task AccountName_WithTrailingLineBreak_RefusedBesideTheNameWithout(string name)
    {
        var (_, _, alice) = await R.AccountAsync("alice");
        using var mallory = Ed25519Identity.Generate();

        using var response = await SendSignedAsync(R, HttpMethod.Post, "api/v1/accounts",
            JsonSerializer.Serialize(new AccountCreate(name, mallory.Id), ContractJson.Options), mallory);

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Single(FieldErrors(problem, "name"));
        Assert.Equal("alice", alice.Name);
    }

    [Fact]
    public async Task FarmName_WithTrailingNewline_Refused()
    {
        var (owner, _, _) = await R.AccountAsync("farm-newline");

        using var response = await SendSignedAsync(R, HttpMethod.Post, "api/v1/farms",
            JsonSerializer.Serialize(new FarmCreate("farm-a\n"), ContractJson.Options), owner);

        Assert.Single(FieldErrors(await ProblemAsync(response, HttpStatusCode.BadRequest), "name"));
    }

    public static TheoryData<string, string, string> NullBodies() => new()
    {
        { "POST", "api/v1/accounts", """{"name":null,"publicKey":null}""" },
        { "POST", "api/v1/accounts", "null" },
        { "POST", "api/v1/farms", """{"name":null}""" },
        { "POST", "api/v1/farms", """{"name":"nulls","publicIps":[null],"ipv6Prefixes":[null]}""" },
        { "POST", "api/v1/farms", """{"name":"nulls","boot":{"runmode":null,"kernelArgs":null}}""" },
        { "POST", "api/v1/farms/{farm}/ips", """{"ip":null,"gateway":null}""" },
        { "PUT", "api/v1/farms/{farm}/boot", """{"runmode":null,"kernelArgs":null}""" },
        { "POST", "api/v1/farms/{farm}/boot-events", """{"events":[null]}""" },
        { "POST", "api/v1/farms/{farm}/boot-events", """{"events":null}""" },
        { "POST", "api/v1/networks", """{"name":null,"range":null}""" },
        { "POST", "api/v1/networks/{net}/members", """{"nodeId":null}""" },
        { "POST", "api/v1/networks/{net}/join", """{"name":null,"publicKey":null}""" },
        { "PUT", "api/v1/nodes/{node}/public-config", """{"ipv4":null}""" },
        { "PUT", "api/v1/nodes/{node}/public-config", """{"ipv4":{"address":null,"gateway":null},"ipv6":{"address":null,"gateway":null}}""" },
        { "POST", "api/v1/nodes/{node}/heartbeat", """{"uptimeSeconds":1,"health":null}""" },
        { "POST", "api/v1/nodes/{node}/heartbeat", """{"uptimeSeconds":1,"health":{"nics":null}}""" },
        { "PUT", "api/v1/nodes/{node}/report", """{"appliedVersion":1,"networks":null}""" },
        { "PUT", "api/v1/nodes/{node}/report", """{"appliedVersion":1,"networks":[{"netId":null,"publicKey":null,"listenPort":1,"endpoints":[null],"handshakes":[null],"errors":[null]}]}""" },
        { "PUT", "api/v1/nodes/{node}/report", """{"appliedVersion":1,"networks":[],"public":{"uplinkKind":"nic","uplinkReason":null}}""" },
        { "POST", "api/v1/nodes", """{"nodeId":null,"interfaces":null,"capacity":null,"versions":null}""" },
        { "POST", "api/v1/nodes", "null" },
    };

    /// <summary>A required value sent as null, anywhere a client writes, is a 400 naming something, never a 500.</summary>
    [Theory]
    [MemberData(nameof(NullBodies))]
    public async Task NullWhereAValueIsRequired_AnyWrite_400NotA500(string method, string path, string body)
    {
        var (ownerId, owner, _) = await R.AccountAsync("null-owner");
        var farm = await owner.CreateFarmAsync(new FarmCreate("null-farm", [new FarmIpAdd("203.0.113.10/24", "203.0.113.1")]), Ct);
        var net = await owner.CreateNetworkAsync(new NetworkCreate("null-net", "10.70.0.0/16"), Ct);
        var (node, _) = await R.NodeAsync(farm.Id);
        // Each write signed by whom the route expects: the node for its own routes, the farm's owner otherwise.
        var signer = path.StartsWith("api/v1/nodes/{node}/heartbeat", StringComparison.Ordinal) || path.StartsWith("api/v1/nodes/{node}/report", StringComparison.Ordinal)
            || path == "api/v1/nodes" ? node : ownerId;
        if (path == "api/v1/nodes")
        {
            // A fresh node key, so a registration is not refused for being someone else's.
            signer = Ed25519Identity.Generate();
        }
        var target = path.Replace("{farm}", farm.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{net}", net.NetId, StringComparison.Ordinal).Replace("{node}", node.Id, StringComparison.Ordinal);

        using var response = await SendSignedAsync(R, new HttpMethod(method), target, body, signer);

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.TryGetProperty("errors", out _) || problem.TryGetProperty("detail", out _), $"the 400 names nothing: {problem}");
    }

    [Fact]
    public async Task OpenApiDocument_StatesTheCaps()
    {
        var doc = await R.Http().GetFromJsonAsync<JsonElement>("api/v1/openapi.json", Ct);
        var schemas = doc.GetProperty("components").GetProperty("schemas");
        JsonElement Property(string schema, string property) => schemas.GetProperty(schema).GetProperty("properties").GetProperty(property);

        Assert.Equal(ContractLimits.MaxVersionLength, Property("NodeVersions", "zos").GetProperty("maxLength").GetInt32());
        Assert.Equal(ContractLimits.MaxMemoryBytes, Property("NodeCapacity", "memoryBytes").GetProperty("maximum").GetInt64());
        Assert.Equal(ContractLimits.MaxDisks, Property("NodeCapacity", "disks").GetProperty("maxItems").GetInt32());
        Assert.Equal(ContractLimits.MaxInterfaces, Property("NodeRegistration", "interfaces").GetProperty("maxItems").GetInt32());
        var addresses = Property("InterfaceInfo", "addresses");
        Assert.Equal(ContractLimits.MaxAddressesPerInterface, addresses.GetProperty("maxItems").GetInt32());
        Assert.Equal(ContractLimits.MaxAddressLength, addresses.GetProperty("items").GetProperty("maxLength").GetInt32());
        Assert.Equal(ContractLimits.MaxProblemLength, Property("NicHealth", "problem").GetProperty("maxLength").GetInt32());
        Assert.Equal(ContractLimits.MaxProblems, Property("NodeReport", "errors").GetProperty("maxItems").GetInt32());
    }
}
