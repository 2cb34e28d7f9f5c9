using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit;
using Zos.Client;
using Zos.Core.Contracts;
using Zos.Registry.Storage;
using Zos.Registry.Tests.Support;
using Zos.Testing;

namespace Zos.Registry.Tests.Attacks;

/// <summary>
/// The Cockpit survives any stored data (issue 14): a node whose record breaks its row (an interface with
/// <c>"addresses": null</c>, capacities past 2^63, written to the store directly as the API refuses them now) shows an
/// error in that row while the other rows, the picture and the capacity page still render; and the pages work under
/// their own Content-Security-Policy (no violation, the inline early fetch runs, the gauges get their fill). In Debian's
/// chromium against a registry on 127.0.0.1:0.
/// </summary>
public sealed class CockpitSurvivalTests : IAsyncLifetime
{
    private TestRegistry? _registry;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var chromium = Environment.GetEnvironmentVariable("ZOS_CHROMIUM") is { Length: > 0 } c ? c : "/usr/bin/chromium";
        if (!File.Exists(chromium))
            Require.Tools("chromium");
        _registry = await TestRegistry.StartAsync(StoreKind.Sqlite, kestrel: true);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
            await _browser.DisposeAsync();
        _playwright?.Dispose();
        if (_registry is not null)
            await _registry.DisposeAsync();
    }

    /// <summary>A page that records console errors (CSP violations and script errors are reported there; a missing favicon is not counted).</summary>
    private async Task<(IPage Page, List<string> Errors)> PageAsync()
    {
        var page = await _browser!.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, m) =>
        {
            if (m.Type == "error" && !m.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
            {
                lock (errors)
                    errors.Add(m.Text);
            }
        };
        return (page, errors);
    }

    [Fact]
    public async Task FarmPage_NodeWithNullAddressesStored_ErrorInItsRowOtherRowsAndPictureDrawn()
    {
        var r = _registry!;
        var (_, owner, _) = await r.AccountAsync("survive-owner");
        var farm = await owner.CreateFarmAsync(new FarmCreate("survive-farm", [new FarmIpAdd("203.0.113.10/24", "203.0.113.1")]), Ct);
        await r.AllowNodesAsync(owner, farm.Id);
        var (good, _) = await r.NodeAsync(farm.Id, "10.1.0.5/24");
        using var bad = Ed25519Identity.Generate();
        var store = r.App.Services.GetRequiredService<IRegistryStore>();
        await store.UpsertNodeAsync(bad.Id, farm.Id, new NodeDocument(
            [new InterfaceInfo("eth0", "52:54:00:66:66:66", null!)],
            new NodeCapacity(4, long.MaxValue, [new DiskInfo("sda", long.MaxValue, "ssd"), new DiskInfo("sdb", long.MaxValue, "ssd")]),
            new NodeVersions("0.1.0", null), "eth0", null), r.Time.GetUtcNow().ToUnixTimeMilliseconds(), Ct);

        var (page, consoleErrors) = await PageAsync();
        await page.GotoAsync(new Uri(r.BaseUrl!, $"/#/farm/{farm.Id}").ToString());

        var goodRow = page.Locator($"tr[data-node='{good.Id}']");
        await goodRow.Locator("[data-status='up']").WaitForAsync(new LocatorWaitForOptions { Timeout = 15000 });
        Assert.Contains("10.1.0.5/24", await goodRow.InnerTextAsync(), StringComparison.Ordinal);
        var badRow = page.Locator($"tr[data-node='{bad.Id}']");
        Assert.Equal("true", await badRow.GetAttributeAsync("data-broken"));
        Assert.StartsWith("cannot show this node:", await badRow.Locator("[data-kind='row-error']").InnerTextAsync(), StringComparison.Ordinal);
        // The picture draws both: the broken node's box without its address.
        await page.Locator($"#farm-picture [data-node='{good.Id}']").WaitForAsync(new LocatorWaitForOptions { Timeout = 15000 });
        Assert.Equal(1, await page.Locator($"#farm-picture [data-node='{bad.Id}']").CountAsync());

        // The broken node's own page: its NIC row says what is wrong, the rest of the page is there.
        await page.GotoAsync(new Uri(r.BaseUrl!, $"/#/node/{bad.Id}").ToString());
        // The farm page stays until the node page has its data (node, then boot timelines): wait for the node page itself.
        await page.Locator("h3", new PageLocatorOptions { HasText = "NICs" }).WaitForAsync(new LocatorWaitForOptions { Timeout = 15000 });
        await page.Locator("[data-kind='row-error']").WaitForAsync(new LocatorWaitForOptions { Timeout = 15000 });
        Assert.StartsWith("cannot show this NIC:", await page.Locator("[data-kind='row-error']").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await page.Locator("[data-kind='unmeasured']").CountAsync());

        // The capacity page adds the claimed capacities without overflowing.
        await page.GotoAsync(new Uri(r.BaseUrl!, "/#/").ToString());
        var line = page.Locator($"tr[data-farm='{farm.Id}']");
        await line.WaitForAsync(new LocatorWaitForOptions { Timeout = 15000 });
        Assert.Contains("2/2", await line.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Empty(consoleErrors);
    }

    [Fact]
    public async Task Pages_UnderTheirContentSecurityPolicy_NoViolationEarlyFetchRunsGaugesFilled()
    {
        var r = _registry!;
        var (_, owner, _) = await r.AccountAsync("csp-owner");
        var farm = await owner.CreateFarmAsync(new FarmCreate("csp-farm"), Ct);
        await r.AllowNodesAsync(owner, farm.Id);
        var (node, client) = await r.NodeAsync(farm.Id);
        await client.HeartbeatAsync(node.Id, new Heartbeat(10, new NodeHealth(true, true, 5, [],
            new NodeUsage(TestRegistry.Start, new MemoryUsage(8L << 30, 6L << 30), null, null))), Ct);

        var (page, consoleErrors) = await PageAsync();
        await page.GotoAsync(new Uri(r.BaseUrl!, $"/#/farm/{farm.Id}").ToString());
        await page.Locator($"tr[data-node='{node.Id}'] [data-status='up']").WaitForAsync(new LocatorWaitForOptions { Timeout = 15000 });

        // index.html's inline script (allowed by its hash) ran: it made the early-fetch map.
        Assert.True(await page.EvaluateAsync<bool>("() => window.zosEarly instanceof Map"));
        // The RAM gauge of 2 GiB measured in use of 8 GiB is 25%, its fill set by the stylesheet's data-p rule.
        var ram = page.Locator($"tr[data-node='{node.Id}'] [data-gauge='RAM']");
        Assert.Equal("25", await ram.GetAttributeAsync("data-p"));
        Assert.Equal("25", (await ram.EvaluateAsync<string>("e => getComputedStyle(e).getPropertyValue('--p')")).Trim());
        await page.GotoAsync(new Uri(r.BaseUrl!, $"/#/node/{node.Id}").ToString());
        await page.Locator("[data-status='up']").WaitForAsync(new LocatorWaitForOptions { Timeout = 15000 });
        Assert.Empty(consoleErrors);
    }
}
