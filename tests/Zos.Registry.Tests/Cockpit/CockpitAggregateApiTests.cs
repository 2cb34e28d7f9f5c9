using System.Net.Http.Json;
using Xunit;
using Zos.Client;
using Zos.Core.Contracts;
using Zos.Registry.Cockpit;
using Zos.Registry.Tests.Support;

namespace Zos.Registry.Tests.Cockpit;

/// <summary>
/// The Cockpit's aggregates: capacity per farm and the farm overview. Runs once per store (<see cref="Sqlite"/>,
/// <see cref="Postgres"/>).
/// </summary>
public abstract class CockpitAggregateApiTests : RegistryApiTestBase
{
    /// <summary>The suite on SQLite.</summary>
    public sealed class Sqlite : CockpitAggregateApiTests
    {
        protected override StoreKind Kind => StoreKind.Sqlite;
    }

    /// <summary>The suite on PostgreSQL (a fresh schema per test; needs ZOS_TEST_POSTGRES).</summary>
    public sealed class Postgres : CockpitAggregateApiTests
    {
        protected override StoreKind Kind => StoreKind.Postgres;
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
}
