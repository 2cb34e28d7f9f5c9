using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit;
using Zos.Client;
using Zos.Core.Contracts;
using Zos.Registry.Tests.Support;

namespace Zos.Registry.Tests.Boot;

/// <summary>Boot steps posted by a farm's boot server and read back for the Cockpit's "booting" rows.</summary>
public sealed class BootEventApiTests : RegistryTestBase
{
    protected override StoreKind Kind => StoreKind.Sqlite;

    private async Task<(Ed25519Identity Owner, Farm Farm)> FarmAsync()
    {
        var (id, client, _) = await R.AccountAsync("farmer");
        return (id, await client.CreateFarmAsync(new FarmCreate("boot-farm"), Ct));
    }

    private async Task<HttpResponseMessage> PostAsync(Ed25519Identity? signer, uint farmId, BootEventBatch batch)
    {
        var http = R.Http();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(http.BaseAddress!, $"api/v1/farms/{farmId}/boot-events"))
        {
            Content = JsonContent.Create(batch, options: ContractJson.Options),
        };
        if (signer is not null)
            await new RequestSigner(signer, R.Time).SignAsync(request, Ct);
        return await http.SendAsync(request, Ct);
    }

    private async Task<IReadOnlyList<BootActivity>> GetAsync(uint farmId) =>
        (await R.Http().GetFromJsonAsync<IReadOnlyList<BootActivity>>($"api/v1/farms/{farmId}/boot-events", ContractJson.Options, Ct))!;

    private static BootEventReport Step(string mac, string step, int second, string detail = "") =>
        new(mac, step, TestRegistry.Start.AddSeconds(second), "10.1.0.17", detail);

    [Fact]
    public async Task Post_OwnerSigned_StepsListedPerMacWithTheLastStepAndTime()
    {
        var (owner, farm) = await FarmAsync();

        var response = await PostAsync(owner, farm.Id, new BootEventBatch(
        [
            Step("52-54-00-AA-00-01", "dhcpSeen", 1, "Bound 10.1.0.17"),
            Step("52:54:00:aa:00:01", "kernelFetched", 3, "net/test.efi"),
            Step("52:54:00:aa:00:01", "scriptFetched", 2),
            Step("52:54:00:aa:00:02", "dhcpSeen", 5),
        ]));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var booting = await GetAsync(farm.Id);
        Assert.Equal(["52:54:00:aa:00:02", "52:54:00:aa:00:01"], booting.Select(b => b.Mac));
        var first = booting[1];
        Assert.Equal("kernelFetched", first.LastStep);
        Assert.Equal(TestRegistry.Start.AddSeconds(3), first.LastTime);
        Assert.Equal("net/test.efi", first.Detail);
        Assert.False(first.Registered);
        Assert.Equal(["dhcpSeen", "scriptFetched", "kernelFetched"], first.Events.Select(e => e.Step));
    }

    [Fact]
    public async Task Get_MacOfARegisteredNode_IsMarkedRegistered()
    {
        var (owner, farm) = await FarmAsync();
        await R.Client(owner).SetFarmMacAsync(farm.Id, new BootMac("52:54:00:12:34:56", ""), Ct); // the farmer lists it: the node joins
        await R.NodeAsync(farm.Id); // its NIC is 52:54:00:12:34:56

        await PostAsync(owner, farm.Id, new BootEventBatch([Step("52:54:00:12:34:56", "kernelFetched", 1), Step("52:54:00:99:99:99", "dhcpSeen", 2)]));

        var booting = await GetAsync(farm.Id);
        Assert.True(booting.Single(b => b.Mac == "52:54:00:12:34:56").Registered);
        Assert.False(booting.Single(b => b.Mac == "52:54:00:99:99:99").Registered);
    }

    [Fact]
    public async Task Post_SignedBySomeoneElse_ForbiddenAndNothingKept()
    {
        var (_, farm) = await FarmAsync();
        var (stranger, _, account) = await R.AccountAsync("stranger");

        var response = await PostAsync(stranger, farm.Id, new BootEventBatch([Step("52:54:00:aa:00:01", "dhcpSeen", 1)]));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal($"farm {farm.Id} belongs to account {farm.OwnerId}, not to account {account.Id} (stranger)", problem.GetProperty("detail").GetString());
        Assert.Empty(await GetAsync(farm.Id));
    }

    [Fact]
    public async Task Post_Unsigned_Unauthorized()
    {
        var (_, farm) = await FarmAsync();

        var response = await PostAsync(null, farm.Id, new BootEventBatch([Step("52:54:00:aa:00:01", "dhcpSeen", 1)]));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await GetAsync(farm.Id));
    }

    [Fact]
    public async Task Post_BadEvents_EveryFieldNamedWithItsValueAndNothingKept()
    {
        var (owner, farm) = await FarmAsync();

        var response = await PostAsync(owner, farm.Id, new BootEventBatch(
        [
            new BootEventReport("not-a-mac", "dhcp seen", TestRegistry.Start, null, ""),
            new BootEventReport("52:54:00:aa:00:01", "dhcpSeen", TestRegistry.Start, null, new string('x', 301)),
        ]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.Equal("'not-a-mac' is not a MAC address", errors.GetProperty("events[0].mac")[0].GetString());
        Assert.Equal("'dhcp seen' is not a step name (1-32 letters and digits)", errors.GetProperty("events[0].step")[0].GetString());
        Assert.Equal("must be text of at most 300 characters, got 301", errors.GetProperty("events[1].detail")[0].GetString());
        Assert.Empty(await GetAsync(farm.Id));
    }

    [Fact]
    public async Task Post_TooManyEvents_Refused()
    {
        var (owner, farm) = await FarmAsync();

        var response = await PostAsync(owner, farm.Id, new BootEventBatch([.. Enumerable.Range(0, 101).Select(i => Step("52:54:00:aa:00:01", "dhcpSeen", i))]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.Equal("101 events in one post; at most 100", errors.GetProperty("events")[0].GetString());
    }

    [Fact]
    public async Task Get_UnknownFarm_NotFound()
    {
        var response = await R.Http().GetAsync("api/v1/farms/4242/boot-events", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
