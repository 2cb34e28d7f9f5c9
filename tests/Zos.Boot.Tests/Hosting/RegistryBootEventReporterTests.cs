using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Xunit;
using Zos.Boot.Hosting;
using Zos.Client;
using Zos.Core.Contracts;
using Zos.Core.Primitives;
using Zos.Registry;
using Zos.Testing;

namespace Zos.Boot.Tests.Hosting;

/// <summary>The boot server's steps reach a real registry (Kestrel on loopback, SQLite) and show as "booting".</summary>
public sealed class RegistryBootEventReporterTests : IAsyncLifetime
{
    private static readonly MacAddress Node = MacAddress.Parse("52:54:00:5a:00:01");
    private readonly string _dir = Path.Combine(Path.GetTempPath(), TestNames.New("breg"));
    private WebApplication _registry = null!;
    private HttpClient _http = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _registry = await RegistryApp.BuildAsync(new RegistryOptions { DataDirectory = _dir, Urls = "http://127.0.0.1:0" }, ct: Ct);
        await _registry.StartAsync(Ct);
        _http = new HttpClient { BaseAddress = new Uri(_registry.Urls.First()) };
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _registry.StopAsync(Ct);
        await _registry.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    private async Task<(Ed25519Identity Owner, Farm Farm)> FarmAsync()
    {
        var owner = Ed25519Identity.Generate();
        var client = new RegistryClient(_http, new RequestSigner(owner, TimeProvider.System));
        await client.CreateAccountAsync("farmer", Ct);
        return (owner, await client.CreateFarmAsync(new FarmCreate("boot-farm"), Ct));
    }

    private async Task<IReadOnlyList<BootActivity>> WaitForAsync(uint farmId, Func<IReadOnlyList<BootActivity>, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var booting = (await _http.GetFromJsonAsync<IReadOnlyList<BootActivity>>($"api/v1/farms/{farmId}/boot-events", ContractJson.Options, Ct))!;
            if (done(booting) || DateTime.UtcNow > deadline)
                return booting;
            await Task.Delay(100, Ct);
        }
    }

    [Fact]
    public async Task Recorded_StepsWithAMac_ArriveInTheRegistryAsBooting()
    {
        var (owner, farm) = await FarmAsync();
        var log = new BootEventLog(TimeProvider.System);
        await using var reporter = new RegistryBootEventReporter(_http, new RequestSigner(owner, TimeProvider.System), farm.Id);
        reporter.Attach(log);

        log.Record(BootStep.DhcpSeen, Node, IPAddress.Parse("10.77.0.17"), "Bound 10.77.0.17");
        log.Record(BootStep.ScriptFetched, Node, IPAddress.Parse("10.77.0.17"), "nomodeset version=v3 runmode=test farmer_id=1");
        log.Record(BootStep.KernelFetched, null, IPAddress.Parse("10.77.0.17"), "zos.efi"); // attributed by address
        log.Record(BootStep.LoaderFetched, null, IPAddress.Parse("10.77.0.99"), "ipxe.efi"); // no MAC known: not sent

        var booting = await WaitForAsync(farm.Id, b => b.Count == 1 && b[0].Events.Count == 3);

        var node = Assert.Single(booting);
        Assert.Equal(Node.ToString(), node.Mac);
        Assert.Equal("kernelFetched", node.LastStep);
        Assert.Equal("zos.efi", node.Detail);
        Assert.False(node.Registered);
        Assert.Equal(["dhcpSeen", "scriptFetched", "kernelFetched"], node.Events.Select(e => e.Step));
        Assert.Equal(3, reporter.Posted);
        Assert.Equal(0, reporter.Failed);
    }

    [Fact]
    public async Task Recorded_SignedByAKeyThatDoesNotOwnTheFarm_CountedAsFailedAndNothingShown()
    {
        var (_, farm) = await FarmAsync();
        using var stranger = Ed25519Identity.Generate();
        var log = new BootEventLog(TimeProvider.System);
        await using var reporter = new RegistryBootEventReporter(_http, new RequestSigner(stranger, TimeProvider.System), farm.Id);
        reporter.Attach(log);

        log.Record(BootStep.DhcpSeen, Node, IPAddress.Parse("10.77.0.17"), "Bound 10.77.0.17");
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (reporter.Failed == 0 && DateTime.UtcNow < deadline)
            await Task.Delay(50, Ct);

        Assert.Equal(1, reporter.Failed);
        Assert.Equal(0, reporter.Posted);
        Assert.Empty(await WaitForAsync(farm.Id, _ => true));
    }
}
