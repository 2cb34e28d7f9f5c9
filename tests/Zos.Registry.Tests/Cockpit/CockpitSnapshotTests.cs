using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using Zos.Core.Contracts;
using Zos.Core.Public;
using Zos.Registry.Cockpit;
using Zos.Registry.Tests.Support;

namespace Zos.Registry.Tests.Cockpit;

/// <summary>The Cockpit's farm snapshot (<c>GET /api/v1/cockpit/farms/{id}</c>): what it carries per node and its JSON.</summary>
public sealed class CockpitSnapshotTests : RegistryTestBase
{
    protected override StoreKind Kind => StoreKind.Sqlite;

    /// <summary>A farm with a public IP, a node using it (health, public report) and a node without either.</summary>
    private async Task<(uint FarmId, string PublicNode, string HiddenNode)> FarmAsync()
    {
        var (_, owner, _) = await R.AccountAsync("snapshot-owner");
        var farm = await owner.CreateFarmAsync(new FarmCreate("snapshot-farm", [new FarmIpAdd("203.0.113.10/24", "203.0.113.1")]), Ct);
        await R.AllowNodesAsync(owner, farm.Id);
        var (pub, pubClient) = await R.NodeAsync(farm.Id, "10.1.0.5/24");
        var (hidden, _) = await R.NodeAsync(farm.Id, "10.1.0.6/24");
        await owner.SetPublicConfigAsync(pub.Id, new PublicConfig(new PublicIpConfig("203.0.113.10/24", "203.0.113.1"), null, "node.example.org"), Ct);
        await pubClient.HeartbeatAsync(pub.Id, new Heartbeat(10, new NodeHealth(true, false, 5, [new NicHealth("eth0", true, ["10.1.0.5/24"])])), Ct);
        await pubClient.ReportAsync(pub.Id, new NodeReport(1, [], null, new NodePublicReport(PublicUplinkKind.SingleNic, null, "one NIC", null, "gateway does not answer")), Ct);
        return (farm.Id, pub.Id, hidden.Id);
    }

    [Fact]
    public async Task FarmSnapshot_Json_IsTheContractSerializersByteForByte()
    {
        var (farmId, _, _) = await FarmAsync();
        var expected = JsonSerializer.Serialize(await R.App.Services.GetRequiredService<CockpitService>().FarmAsync(farmId, Ct), ContractJson.Options);

        var body = await R.Http().GetStringAsync($"api/v1/cockpit/farms/{farmId}", Ct);

        Assert.Equal(expected, body);
        Assert.Contains("\"status\":\"up\"", body, StringComparison.Ordinal);
        Assert.Contains("\"uplinkKind\":\"singleNic\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FarmSnapshot_VolatileNode_CarriesTheFlagAndOthersLeaveItOut()
    {
        var (farmId, _, steadyId) = await FarmAsync();
        using var volatileNode = Zos.Client.Ed25519Identity.Generate();
        await R.Client(volatileNode).RegisterNodeAsync(R.ConsentedRegistration(volatileNode.Id, farmId, "10.1.0.7/24") with { IdentityVolatile = true }, Ct);

        var body = await R.Http().GetStringAsync($"api/v1/cockpit/farms/{farmId}", Ct);
        var o = JsonSerializer.Deserialize<FarmOverview>(body, ContractJson.Options)!;

        Assert.True(Assert.Single(o.Nodes, n => n.Id == volatileNode.Id).IdentityVolatile);
        Assert.Null(Assert.Single(o.Nodes, n => n.Id == steadyId).IdentityVolatile);
        Assert.Equal(1, body.Split("identityVolatile").Length - 1);
    }

    [Fact]
    public async Task FarmSnapshot_Nodes_CarryWhatTheFarmPageShows()
    {
        var (farmId, pubId, hiddenId) = await FarmAsync();

        var o = await R.Http().GetFromJsonAsync<FarmOverview>($"api/v1/cockpit/farms/{farmId}", ContractJson.Options, Ct);

        var pub = Assert.Single(o!.Nodes, n => n.Id == pubId);
        Assert.Equal((NodeStatus.Up, 4, 8L << 30, 500L << 30, 2000L << 30), (pub.Status, pub.CpuCores, pub.MemoryBytes, pub.SsdBytes, pub.HddBytes));
        Assert.Equal(("eth0", "52:54:00:12:34:56", "10.1.0.5/24"), (pub.Interfaces[0].Name, pub.Interfaces[0].Mac, pub.Interfaces[0].Addresses[0]));
        Assert.Equal(("eth0", "203.0.113.10/24", "node.example.org"), (pub.ManagementNic, pub.PublicConfig?.Ipv4.Address, pub.PublicConfig?.Domain));
        Assert.Equal((true, false), (pub.Ipv4Internet, pub.Ipv6Internet));
        Assert.Equal((PublicUplinkKind.SingleNic, "gateway does not answer"), (pub.Public?.UplinkKind, pub.Public?.Error));
        Assert.Equal(TestRegistry.Start, pub.LastSeen);
        var hidden = Assert.Single(o.Nodes, n => n.Id == hiddenId);
        Assert.Equal((null, null, null, null), (hidden.PublicConfig, hidden.Ipv4Internet, hidden.Ipv6Internet, hidden.Public));
        Assert.Equal(pubId, o.Farm.PublicIps.Single().UsedBy);
    }
}
