using System.Net.Http.Json;
using System.Text.Json;
using Xunit;
using Zos.Client;
using Zos.Core.Contracts;
using Zos.Registry.Cockpit;
using Zos.Registry.Tests.Support;

namespace Zos.Registry.Tests.Cockpit;

/// <summary>
/// Measured capacity (issue 18): what a node measured (its heartbeat's usage) is what the Cockpit's farm snapshot and
/// node record carry, moving when the measurement moves; a node that measures nothing carries nothing, never a
/// formula. Runs once per store (<see cref="Sqlite"/>, <see cref="Postgres"/>).
/// </summary>
public abstract class CockpitUsageTests : RegistryApiTestBase
{
    /// <summary>On SQLite.</summary>
    public sealed class Sqlite : CockpitUsageTests
    {
        protected override StoreKind Kind => StoreKind.Sqlite;
    }

    /// <summary>On PostgreSQL (a fresh schema per test; needs ZOS_TEST_POSTGRES).</summary>
    public sealed class Postgres : CockpitUsageTests
    {
        protected override StoreKind Kind => StoreKind.Postgres;
    }

    private static NodeHealth Health(NodeUsage? usage) => new(true, true, 5, [new NicHealth("eth0", true, ["10.1.0.5/24"])], usage);

    private static NodeUsage Usage(DateTimeOffset at, double load, long memoryUsedGiB, long diskUsedGiB) => new(at,
        new MemoryUsage(8L << 30, (8L - memoryUsedGiB) << 30),
        new LoadAverage(load, load / 2, load / 4),
        [new DiskUsage("sda1", "/", 400L << 30, diskUsedGiB << 30, (380L - diskUsedGiB) << 30), new DiskUsage("sdb1", "/var/lib/zos", 100L << 30, 10L << 30, 85L << 30)]);

    private async Task<FarmNodeLine> LineAsync(uint farmId, string nodeId) =>
        Assert.Single((await R.Http().GetFromJsonAsync<FarmOverview>($"api/v1/cockpit/farms/{farmId}", ContractJson.Options, Ct))!.Nodes, n => n.Id == nodeId);

    [Fact]
    public async Task FarmSnapshot_MeasuredUsageChanges_TheLineFollowsItAndANodeMeasuringNothingCarriesNothing()
    {
        var (_, farm) = await FarmAsync();
        var (measured, measuredClient) = await R.NodeAsync(farm.Id, "10.1.0.5/24");
        var (silent, silentClient) = await R.NodeAsync(farm.Id, "10.1.0.6/24");
        var first = TestRegistry.Start.AddSeconds(-3);
        await measuredClient.HeartbeatAsync(measured.Id, new Heartbeat(10, Health(Usage(first, 1.0, 2, 100))), Ct);
        await silentClient.HeartbeatAsync(silent.Id, new Heartbeat(10, Health(null)), Ct);

        var before = await LineAsync(farm.Id, measured.Id);
        Assert.Equal(new MeasuredUsage(first, 1.0, 2L << 30, 8L << 30, 110L << 30, 500L << 30), before.Usage);

        R.Time.Advance(TimeSpan.FromSeconds(30));
        var second = R.Time.GetUtcNow().AddSeconds(-1);
        await measuredClient.HeartbeatAsync(measured.Id, new Heartbeat(40, Health(Usage(second, 3.0, 6, 300))), Ct);

        var after = await LineAsync(farm.Id, measured.Id);
        Assert.Equal(new MeasuredUsage(second, 3.0, 6L << 30, 8L << 30, 310L << 30, 500L << 30), after.Usage);
        // The node that measures nothing: no usage in its line, none in the JSON, while its registered capacity stays.
        var none = await LineAsync(farm.Id, silent.Id);
        Assert.Null(none.Usage);
        Assert.Equal((4, 8L << 30), (none.CpuCores, none.MemoryBytes));
        using var json = JsonDocument.Parse(await R.Http().GetStringAsync($"api/v1/cockpit/farms/{farm.Id}", Ct));
        var lines = json.RootElement.GetProperty("nodes").EnumerateArray().ToDictionary(n => n.GetProperty("id").GetString()!);
        Assert.False(lines[silent.Id].TryGetProperty("usage", out _));
        Assert.Equal(3.0, lines[measured.Id].GetProperty("usage").GetProperty("loadOneMinute").GetDouble());
    }

    [Fact]
    public async Task NodeRecord_MeasuredUsage_EveryDiskAndFigureAsMeasured()
    {
        var (node, client) = await R.NodeAsync(null);
        var usage = Usage(TestRegistry.Start, 0.5, 3, 42);

        await client.HeartbeatAsync(node.Id, new Heartbeat(10, Health(usage)), Ct);

        var view = await R.Client().GetNodeAsync(node.Id, Ct);
        var stored = view.Health!.Usage!;
        Assert.Equal((usage.MeasuredAt, usage.Memory, usage.Load), (stored.MeasuredAt, stored.Memory, stored.Load));
        Assert.Equal(usage.Disks, stored.Disks);
        Assert.Equal(3L << 30, stored.Memory!.UsedBytes);
    }

    [Fact]
    public async Task OpenApiDocument_StatesTheUsageCaps()
    {
        var schemas = (await R.Http().GetFromJsonAsync<JsonElement>("api/v1/openapi.json", Ct)).GetProperty("components").GetProperty("schemas");
        JsonElement Property(string schema, string property) => schemas.GetProperty(schema).GetProperty("properties").GetProperty(property);

        Assert.Equal(ContractLimits.MaxMountPointLength, Property("DiskUsage", "mountPoint").GetProperty("maxLength").GetInt32());
        Assert.Equal(ContractLimits.MaxDisks, Property("NodeUsage", "disks").GetProperty("maxItems").GetInt32());
        Assert.Equal(ContractLimits.MaxMemoryBytes, Property("MemoryUsage", "totalBytes").GetProperty("maximum").GetInt64());
    }

    [Fact]
    public async Task Heartbeat_ImpossibleUsage_RefusedNamingEachFieldAndValue()
    {
        var (node, client) = await R.NodeAsync(null);
        var usage = new NodeUsage(TestRegistry.Start, new MemoryUsage(8L << 30, 9L << 30), new LoadAverage(-1, 0, 0),
            [new DiskUsage("sda1", "/", 100, 200, -5)]);

        var e = await Refused(() => client.HeartbeatAsync(node.Id, new Heartbeat(10, Health(usage)), Ct));

        Assert.Equal([$"{9L << 30} is more than totalBytes, {8L << 30}"], e.FieldErrors["health.usage.memory.availableBytes"]);
        Assert.Equal(["-1 is not a load average (0 to 1000000)"], e.FieldErrors["health.usage.load.oneMinute"]);
        Assert.Equal(["200 is more than totalBytes, 100"], e.FieldErrors["health.usage.disks[0].usedBytes"]);
        Assert.Equal(["-5 is negative"], e.FieldErrors["health.usage.disks[0].availableBytes"]);
        Assert.Null((await R.Client().GetNodeAsync(node.Id, Ct)).Health);
    }
}
