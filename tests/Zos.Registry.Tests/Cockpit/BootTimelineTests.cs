using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using Zos.Client;
using Zos.Core.Contracts;
using Zos.Registry.Boot;
using Zos.Registry.Storage;
using Zos.Registry.Tests.Support;

namespace Zos.Registry.Tests.Cockpit;

/// <summary>
/// The boot timeline kept in the store (issue 18): every step from DHCP to registered per MAC, cut into boots, bounded,
/// and still there after the registry process that received it stopped and another started on the same store. Runs
/// once per store (<see cref="Sqlite"/>, <see cref="Postgres"/>).
/// </summary>
public abstract class BootTimelineTests : RegistryTestBase
{
    /// <summary>On SQLite.</summary>
    public sealed class Sqlite : BootTimelineTests
    {
        protected override StoreKind Kind => StoreKind.Sqlite;
    }

    /// <summary>On PostgreSQL (a fresh schema per test; needs ZOS_TEST_POSTGRES).</summary>
    public sealed class Postgres : BootTimelineTests
    {
        protected override StoreKind Kind => StoreKind.Postgres;
    }

    private const string NodeMac = "52:54:00:12:34:56"; // the NIC of TestRegistry's nodes

    private static BootEventReport Step(string mac, string step, int second, string detail = "") =>
        new(mac, step, TestRegistry.Start.AddSeconds(second), "10.1.0.17", detail);

    private async Task<(Ed25519Identity Owner, RegistryClient OwnerClient, Farm Farm)> FarmAsync()
    {
        var (id, client, _) = await R.AccountAsync("timeline-farmer");
        var farm = await client.CreateFarmAsync(new FarmCreate("timeline-farm"), Ct);
        await R.AllowNodesAsync(client, farm.Id);
        return (id, client, farm);
    }

    private async Task PostAsync(HttpClient http, Ed25519Identity owner, uint farmId, params BootEventReport[] steps)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(http.BaseAddress!, $"api/v1/farms/{farmId}/boot-events"))
        {
            Content = JsonContent.Create(new BootEventBatch(steps), options: ContractJson.Options),
        };
        await new RequestSigner(owner, R.Time).SignAsync(request, Ct);
        Assert.Equal(HttpStatusCode.Accepted, (await http.SendAsync(request, Ct)).StatusCode);
    }

    private async Task<BootHistory> HistoryAsync(HttpClient http, uint farmId, string mac) =>
        (await http.GetFromJsonAsync<BootHistory>($"api/v1/farms/{farmId}/boot-events/{mac}", ContractJson.Options, Ct))!;

    [Fact]
    public async Task Timeline_RegistryProcessRestarted_EveryBootAndStepFromDhcpToRegisteredStillThere()
    {
        var (owner, _, farm) = await FarmAsync();
        // The registry process the boot server talks to: stopped and disposed below, its memory gone with it (one process
        // serves a SQLite store, so the next one starts only after it).
        var first = R.App;
        using (var http = first.GetTestClient())
        {
            await PostAsync(http, owner, farm.Id, Step(NodeMac, "dhcpSeen", 1, "Offered 10.1.0.17"), Step(NodeMac, "dhcpSeen", 2, "Bound 10.1.0.17"),
                Step(NodeMac, "loaderFetched", 3, "ipxe.efi"), Step(NodeMac, "scriptFetched", 4), Step(NodeMac, "kernelFetched", 5, "net/zos.efi"));
            R.Time.Advance(TimeSpan.FromSeconds(12));
            await R.NodeAsync(farm.Id); // registers with NodeMac at Start + 12 s: the boot's last step
            // It reboots within its lease (no DHCP step) and stops at the script.
            await PostAsync(http, owner, farm.Id, Step(NodeMac, "loaderFetched", 60), Step(NodeMac, "scriptRefused", 61, "registry down"));
        }
        await first.StopAsync(Ct);
        await first.DisposeAsync();

        await using var second = await RegistryApp.BuildAsync(R.Options, R.Time, b => b.WebHost.UseTestServer(), Ct);
        await second.StartAsync(Ct);
        using var reader = second.GetTestClient();
        var history = await HistoryAsync(reader, farm.Id, "52-54-00-12-34-56");

        Assert.Equal((NodeMac, true, BootTimeline.Retention.MaxBootsPerMac), (history.Mac, history.Registered, history.KeptBoots));
        Assert.Equal([TestRegistry.Start.AddSeconds(1), TestRegistry.Start.AddSeconds(60)], history.Boots.Select(b => b.Started));
        Assert.Equal(["dhcpSeen", "dhcpSeen", "loaderFetched", "scriptFetched", "kernelFetched", "registered"], history.Boots[0].Steps.Select(s => s.Step));
        Assert.Equal(TestRegistry.Start.AddSeconds(12), history.Boots[0].Steps[^1].Time);
        Assert.StartsWith("node ", history.Boots[0].Steps[^1].Detail, StringComparison.Ordinal);
        Assert.Equal(("Bound 10.1.0.17", "10.1.0.17"), (history.Boots[0].Steps[1].Detail, history.Boots[0].Steps[1].Client));
        Assert.Equal(["loaderFetched", "scriptRefused"], history.Boots[1].Steps.Select(s => s.Step));
        // The farm page's rows: each MAC's latest boot only.
        var latest = Assert.Single((await reader.GetFromJsonAsync<IReadOnlyList<BootActivity>>($"api/v1/farms/{farm.Id}/boot-events", ContractJson.Options, Ct))!);
        Assert.Equal(("scriptRefused", "registry down", 2), (latest.LastStep, latest.Detail, latest.Events.Count));
    }

    [Fact]
    public async Task Timeline_MoreBootsThanKept_OnlyTheNewestStay()
    {
        var (owner, _, farm) = await FarmAsync();
        const string mac = "52:54:00:aa:00:07";
        var kept = BootTimeline.Retention.MaxBootsPerMac;
        using var http = R.Http();

        // Boot k: DHCP at 100k s, the kernel a second later; each DHCP step after a kernel is the next boot.
        await PostAsync(http, owner, farm.Id, [.. Enumerable.Range(0, kept + 2).SelectMany(k => new[] { Step(mac, "dhcpSeen", 100 * k), Step(mac, "kernelFetched", 100 * k + 1) })]);

        var history = await HistoryAsync(http, farm.Id, mac);
        Assert.Equal(Enumerable.Range(2, kept).Select(k => TestRegistry.Start.AddSeconds(100 * k)), history.Boots.Select(b => b.Started));
        Assert.All(history.Boots, b => Assert.Equal(["dhcpSeen", "kernelFetched"], b.Steps.Select(s => s.Step)));
    }

    [Fact]
    public async Task Timeline_OneStepRepeatedEndlessly_BoundedToTheNewestSteps()
    {
        var (owner, _, farm) = await FarmAsync();
        const string mac = "52:54:00:aa:00:08";
        var max = BootTimeline.Retention.MaxStepsPerMac;
        using var http = R.Http();

        for (var post = 0; post * BootEventEndpoints.MaxEventsPerPost < max + 10; post++)
            await PostAsync(http, owner, farm.Id, [.. Enumerable.Range(post * BootEventEndpoints.MaxEventsPerPost, BootEventEndpoints.MaxEventsPerPost).Select(i => Step(mac, "kernelFetched", i))]);

        var steps = Assert.Single((await HistoryAsync(http, farm.Id, mac)).Boots).Steps;
        Assert.Equal(max, steps.Count);
        Assert.Equal(TestRegistry.Start.AddSeconds(2 * BootEventEndpoints.MaxEventsPerPost - 1), steps[^1].Time);
    }

    [Fact]
    public async Task Register_NodeWhoseMacNeverBootedFromTheFarm_NoBootHistoryInvented()
    {
        var (_, _, farm) = await FarmAsync();

        await R.NodeAsync(farm.Id);

        using var http = R.Http();
        var history = await HistoryAsync(http, farm.Id, NodeMac);
        Assert.True(history.Registered);
        Assert.Empty(history.Boots);
    }

    [Fact]
    public async Task DeleteFarm_WithBootHistory_TheHistoryGoesWithIt()
    {
        var (owner, ownerClient, farm) = await FarmAsync();
        using var http = R.Http();
        await PostAsync(http, owner, farm.Id, Step("52:54:00:aa:00:09", "dhcpSeen", 1));

        await ownerClient.DeleteFarmAsync(farm.Id, Ct);

        // No row is left behind (and the GET of a gone farm is a 404).
        var store = R.App.Services.GetRequiredService<IRegistryStore>();
        Assert.Empty(await store.ListBootEventsAsync(farm.Id, "52:54:00:aa:00:09", Ct));
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"api/v1/farms/{farm.Id}/boot-events", Ct)).StatusCode);
    }

    [Fact]
    public async Task History_NotAMac_RefusedNamingTheValue()
    {
        var (_, _, farm) = await FarmAsync();

        var response = await R.Http().GetAsync($"api/v1/farms/{farm.Id}/boot-events/not-a-mac", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(Ct)).GetProperty("errors");
        Assert.Equal("'not-a-mac' is not a MAC address", errors.GetProperty("mac")[0].GetString());
    }
}
