using System.Net.Http.Json;
using Microsoft.Playwright;
using Xunit;
using Zos.Client;
using Zos.Core.Contracts;
using Zos.Linux.WireGuard;
using Zos.Registry.Tests.Support;
using Zos.Testing;

namespace Zos.Registry.Tests.Cockpit;

/// <summary>
/// The Cockpit in Debian's chromium (never a downloaded browser) against a registry on 127.0.0.1:0 with a fake clock.
/// Screenshots go to artifacts/screenshots/.
/// </summary>
public sealed class CockpitBrowserTests : IAsyncLifetime
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

    private static string Screenshot(string name)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Zos.slnx")))
            dir = dir.Parent;
        var target = Path.Combine(dir?.FullName ?? AppContext.BaseDirectory, "artifacts", "screenshots");
        Directory.CreateDirectory(target);
        return Path.Combine(target, name);
    }

    [Fact]
    public async Task FarmPage_NodeRegisteredThroughApi_AppearsWithoutReloadAndTurnsDownWhenHeartbeatsStop()
    {
        var r = _registry!;
        var (_, owner, _) = await r.AccountAsync("browser-owner");
        var farm = await owner.CreateFarmAsync(new FarmCreate("browser-farm", [new FarmIpAdd("203.0.113.10/24", "203.0.113.1")]), Ct);
        await r.AllowNodesAsync(owner, farm.Id);
        var page = await _browser!.NewPageAsync();
        await page.GotoAsync(new Uri(r.BaseUrl!, $"/#/farm/{farm.Id}").ToString());
        await page.WaitForSelectorAsync("table#nodes");
        Assert.Equal(0, await page.Locator("tr[data-node]").CountAsync());

        var (node, nodeClient) = await r.NodeAsync(farm.Id);
        await owner.SetPublicConfigAsync(node.Id, new PublicConfig(new PublicIpConfig("203.0.113.10/24", "203.0.113.1")), Ct);
        await nodeClient.HeartbeatAsync(node.Id, new Heartbeat(10, new NodeHealth(true, false, 5, [new NicHealth("eth0", true, ["10.1.0.5/24"])])), Ct);
        var row = page.Locator($"tr[data-node='{node.Id}']");
        await row.Locator("[data-status='up']").WaitForAsync(new LocatorWaitForOptions { Timeout = 15000 });
        // It sends no measurement: no gauge, no figure, "not measured".
        Assert.Equal(0, await row.Locator("[data-gauge]").CountAsync());
        Assert.Equal("not measured", await row.Locator("[data-kind='unmeasured']").InnerTextAsync());
        // The picture is drawn when its box comes near the view (here: at once, a one-node farm's page is short).
        await page.Locator($"#farm-picture [data-node='{node.Id}']").WaitForAsync(new LocatorWaitForOptions { Timeout = 15000 });
        Assert.Equal(1, await page.Locator("#farm-picture [data-kind='router']").CountAsync());
        Assert.Equal(1, await page.Locator("#farm-picture [data-kind='management-network']").CountAsync());
        Assert.Equal(1, await page.Locator("#farm-picture [data-kind='public-network']").CountAsync());
        Assert.Equal(1, await page.Locator($"#farm-picture [data-node='{node.Id}']").CountAsync());
        Assert.Contains("203.0.113.10/24", await page.Locator($"#farm-picture [data-node='{node.Id}'] [data-kind='public-ip']").TextContentAsync());
        // A public config that nothing checked is not "reachable".
        Assert.Equal("not checked", await row.Locator("[data-kind='unchecked']").InnerTextAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshot("farm-page-up.png"), FullPage = true });

        // Heartbeats stop: three intervals pass on the registry's clock, no sleeping.
        r.Time.Advance(r.Options.DownAfter + TimeSpan.FromSeconds(1));
        await row.Locator("[data-status='down']").WaitForAsync(new LocatorWaitForOptions { Timeout = 15000 });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshot("farm-page-down.png"), FullPage = true });
    }

    [Fact]
    public async Task FarmPage_MacBootingButNotRegistered_ShowsBootingRowBesideTheNodes()
    {
        var r = _registry!;
        var (ownerId, owner, _) = await r.AccountAsync("boot-owner");
        var farm = await owner.CreateFarmAsync(new FarmCreate("boot-farm"), Ct);
        await r.AllowNodesAsync(owner, farm.Id);
        var (node, _) = await r.NodeAsync(farm.Id);
        using var http = r.Http();
        using var post = new HttpRequestMessage(HttpMethod.Post, new Uri(http.BaseAddress!, $"api/v1/farms/{farm.Id}/boot-events"))
        {
            Content = JsonContent.Create(new BootEventBatch([new BootEventReport("52:54:00:aa:00:09", "kernelFetched", TestRegistry.Start, "10.1.0.17", "net/zos.efi")]),
                options: ContractJson.Options),
        };
        await new RequestSigner(ownerId, r.Time).SignAsync(post, Ct);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, (await http.SendAsync(post, Ct)).StatusCode);

        var page = await _browser!.NewPageAsync();
        await page.GotoAsync(new Uri(r.BaseUrl!, $"/#/farm/{farm.Id}").ToString());
        var booting = page.Locator("#booting [data-booting='52:54:00:aa:00:09']");
        await booting.WaitForAsync(new LocatorWaitForOptions { Timeout = 15000 });
        Assert.Equal(1, await booting.Locator("[data-status='booting']").CountAsync());
        Assert.Contains("kernelFetched", await booting.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await page.Locator($"tr[data-node='{node.Id}']").CountAsync());
    }

    [Fact]
    public async Task NodeAndMacPage_BootSteps_TimelineFromDhcpToRegisteredAndTheBootingMacsOwn()
    {
        var r = _registry!;
        var (ownerId, owner, _) = await r.AccountAsync("timeline-owner");
        var farm = await owner.CreateFarmAsync(new FarmCreate("timeline-farm"), Ct);
        await r.AllowNodesAsync(owner, farm.Id);
        BootEventReport Step(string mac, string step, int second, string detail = "") => new(mac, step, TestRegistry.Start.AddSeconds(second), "10.1.0.17", detail);
        using var http = r.Http();
        using var post = new HttpRequestMessage(HttpMethod.Post, new Uri(http.BaseAddress!, $"api/v1/farms/{farm.Id}/boot-events"))
        {
            Content = JsonContent.Create(new BootEventBatch(
            [
                Step("52:54:00:12:34:56", "dhcpSeen", -9, "Bound 10.1.0.17"), Step("52:54:00:12:34:56", "loaderFetched", -8, "ipxe.efi"),
                Step("52:54:00:12:34:56", "scriptFetched", -7), Step("52:54:00:12:34:56", "kernelFetched", -6, "net/<i>zos</i>.efi"),
                Step("52:54:00:aa:00:0b", "dhcpSeen", -5, "Bound 10.1.0.18"), Step("52:54:00:aa:00:0b", "scriptRefused", -4, "MAC not on the farm's list"),
            ]), options: ContractJson.Options),
        };
        await new RequestSigner(ownerId, r.Time).SignAsync(post, Ct);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, (await http.SendAsync(post, Ct)).StatusCode);
        var (node, _) = await r.NodeAsync(farm.Id); // its NIC is 52:54:00:12:34:56: registered at Start

        var page = await _browser!.NewPageAsync();
        await page.GotoAsync(new Uri(r.BaseUrl!, $"/#/node/{node.Id}").ToString());
        var boot = page.Locator("#boot-timeline [data-mac='52:54:00:12:34:56'] [data-boot]");
        await boot.WaitForAsync(new LocatorWaitForOptions { Timeout = 15000 });
        Assert.Equal(["dhcpSeen", "loaderFetched", "scriptFetched", "kernelFetched", "registered"], await boot.Locator("tr[data-step]").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.step)"));
        Assert.Contains("registered after 9.0 s", await boot.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("net/<i>zos</i>.efi", await boot.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await boot.Locator("i").CountAsync());
        Assert.Equal(5, await boot.Locator("svg circle").CountAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshot("node-boot-timeline.png"), FullPage = true });

        // The MAC that is no node: from its booting row on the farm page to its own timeline.
        await page.GotoAsync(new Uri(r.BaseUrl!, $"/#/farm/{farm.Id}").ToString());
        var link = page.Locator("#booting [data-booting='52:54:00:aa:00:0b'] a");
        await link.WaitForAsync(new LocatorWaitForOptions { Timeout = 15000 });
        await link.ClickAsync();
        var refused = page.Locator("#boot-timeline [data-boot] tr[data-step='scriptRefused']");
        await refused.WaitForAsync(new LocatorWaitForOptions { Timeout = 15000 });
        Assert.Contains("MAC not on the farm's list", await refused.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await page.Locator("h2 [data-status='booting']").CountAsync());
    }

    [Fact]
    public async Task FarmPage_PeerHandshookWithAPublicNode_ReachedWithTheTimeAndPeerOthersNotChecked()
    {
        var r = _registry!;
        var (_, owner, _) = await r.AccountAsync("reach-owner");
        var farm = await owner.CreateFarmAsync(new FarmCreate("reach-farm", [new FarmIpAdd("203.0.113.10/24", "203.0.113.1")]), Ct);
        await r.AllowNodesAsync(owner, farm.Id);
        var (pub, pubClient) = await r.NodeAsync(farm.Id, "10.1.0.5/24");
        var (neverChecked, _) = await r.NodeAsync(farm.Id, "10.1.0.7/24");
        var (peer, peerClient) = await r.NodeAsync(farm.Id, "10.1.0.6/24");
        await owner.SetPublicConfigAsync(pub.Id, new PublicConfig(new PublicIpConfig("203.0.113.10/24", "203.0.113.1")), Ct);
        await owner.SetPublicConfigAsync(neverChecked.Id, new PublicConfig(new PublicIpConfig("203.0.113.11/24", "203.0.113.1")), Ct);
        var net = await owner.CreateNetworkAsync(new NetworkCreate("reach", "10.80.0.0/16"), Ct);
        await owner.AddNetworkMemberAsync(net.NetId, new NetworkMemberAdd(pub.Id), Ct);
        await owner.AddNetworkMemberAsync(net.NetId, new NetworkMemberAdd(peer.Id), Ct);
        var pubKey = WireGuardKeyPair.Generate().PublicKey.ToBase64();
        await pubClient.ReportAsync(pub.Id, TestRegistry.NetworkDeployed(net.NetId, pubKey, "203.0.113.10:3000"), Ct);
        var peerReport = TestRegistry.NetworkDeployed(net.NetId, WireGuardKeyPair.Generate().PublicKey.ToBase64());
        await peerClient.ReportAsync(peer.Id, peerReport with { Networks = [peerReport.Networks[0] with { Handshakes = [new PeerHandshake(pubKey, TestRegistry.Start.AddSeconds(-4))] }] }, Ct);

        var page = await _browser!.NewPageAsync();
        await page.GotoAsync(new Uri(r.BaseUrl!, $"/#/farm/{farm.Id}").ToString());
        var reach = page.Locator($"tr[data-node='{pub.Id}'] [data-kind='reach']");
        await reach.WaitForAsync(new LocatorWaitForOptions { Timeout = 15000 });
        Assert.StartsWith("answered 2026-11-27 11:59:56", await reach.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains(peer.Id, await reach.GetAttributeAsync("title"), StringComparison.Ordinal);
        Assert.Equal(1, await page.Locator($"tr[data-node='{neverChecked.Id}'] [data-kind='unchecked']").CountAsync());
        Assert.Equal("hidden", await page.Locator($"tr[data-node='{peer.Id}'] td:last-child").InnerTextAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshot("farm-page-reach.png"), FullPage = true });
    }

    [Fact]
    public async Task FarmPage_PendingNode_ShownInThePendingSectionNotAmongTheNodesUntilApproved()
    {
        var r = _registry!;
        var (_, owner, _) = await r.AccountAsync("pending-owner");
        var farm = await owner.CreateFarmAsync(new FarmCreate("pending-farm"), Ct);
        var (member, _) = await r.NodeAsync(null);
        var (waiting, _) = await r.NodeAsync(farm.Id); // no token, MAC not listed: pending
        var page = await _browser!.NewPageAsync();
        await page.GotoAsync(new Uri(r.BaseUrl!, $"/#/farm/{farm.Id}").ToString());
        var row = page.Locator($"#pending tr[data-pending='{waiting.Id}']");
        await row.WaitForAsync(new LocatorWaitForOptions { Timeout = 15000 });
        Assert.Equal(1, await row.Locator("[data-state='pending']").CountAsync());
        Assert.Contains("52:54:00:12:34:56", await row.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains($"zos farm node approve {farm.Id}", await page.Locator("#pending-box").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator($"#nodes tr[data-node='{waiting.Id}']").CountAsync());
        Assert.Equal(0, await page.Locator($"tr[data-node='{member.Id}']").CountAsync());

        await owner.ApproveNodeAsync(farm.Id, waiting.Id, Ct);
        await page.Locator($"#nodes tr[data-node='{waiting.Id}']").WaitForAsync(new LocatorWaitForOptions { Timeout = 15000 });
        Assert.Equal(0, await page.Locator("#pending tr[data-pending]").CountAsync());
    }

    [Fact]
    public async Task NodePage_Node_ShowsStatusMeasuredGaugesDisksAndNics()
    {
        var r = _registry!;
        var (node, client) = await r.NodeAsync(null, "10.1.0.9/24");
        // 4 CPU threads at load 1.0, 2 of 8 GiB used, 110 of 500 GiB on two disks, the second's mount point markup.
        await client.HeartbeatAsync(node.Id, new Heartbeat(10, new NodeHealth(true, true, 5, [], new NodeUsage(TestRegistry.Start.AddSeconds(-2),
            new MemoryUsage(8L << 30, 6L << 30), new LoadAverage(1.0, 0.5, 0.25),
            [new DiskUsage("sda1", "/", 400L << 30, 100L << 30, 280L << 30), new DiskUsage("sdb1", "/mnt/<b>x</b>", 100L << 30, 10L << 30, 85L << 30)]))), Ct);
        var page = await _browser!.NewPageAsync();
        await page.GotoAsync(new Uri(r.BaseUrl!, $"/#/node/{node.Id}").ToString());
        await page.Locator("[data-status='up']").WaitForAsync(new LocatorWaitForOptions { Timeout = 15000 });
        Assert.Equal(["CPU 25%", "RAM 25%", "Disk 22%"], await page.Locator("[data-gauge]").AllInnerTextsAsync());
        Assert.Contains("2026-11-27 11:59:58", await page.Locator("h3 [data-kind='measured-at']").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Load 1.00 / 0.50 / 0.25", await page.Locator("[data-kind='usage-figures']").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(2, await page.Locator("#disks tr[data-disk]").CountAsync());
        Assert.Equal("/mnt/<b>x</b>", await page.Locator("#disks tr[data-disk='sdb1'] td:nth-child(2)").InnerTextAsync());
        Assert.Equal(0, await page.Locator("#disks b").CountAsync());
        Assert.Contains("10.1.0.9/24", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshot("node-page.png"), FullPage = true });
    }

    [Fact]
    public async Task FarmPage_MeasuredUsageChanges_GaugesMoveAndANodeMeasuringNothingShowsNone()
    {
        var r = _registry!;
        var (_, owner, _) = await r.AccountAsync("usage-owner");
        var farm = await owner.CreateFarmAsync(new FarmCreate("usage-farm"), Ct);
        await r.AllowNodesAsync(owner, farm.Id);
        var (measured, client) = await r.NodeAsync(farm.Id, "10.1.0.5/24");
        var (silent, _) = await r.NodeAsync(farm.Id, "10.1.0.6/24");
        Task Beat(double load, long memoryUsedGiB, long diskUsedGiB) => client.HeartbeatAsync(measured.Id, new Heartbeat(10, new NodeHealth(true, true, 5, [],
            new NodeUsage(r.Time.GetUtcNow(), new MemoryUsage(8L << 30, (8L - memoryUsedGiB) << 30), new LoadAverage(load, load, load),
                [new DiskUsage("sda1", "/", 100L << 30, diskUsedGiB << 30, (95L - diskUsedGiB) << 30)]))), Ct);
        await Beat(1.0, 2, 10);
        var page = await _browser!.NewPageAsync();
        await page.GotoAsync(new Uri(r.BaseUrl!, $"/#/farm/{farm.Id}").ToString());
        var gauges = page.Locator($"tr[data-node='{measured.Id}'] [data-gauge]");
        await gauges.First.WaitForAsync(new LocatorWaitForOptions { Timeout = 15000 });
        Assert.Equal(["CPU 25%", "RAM 25%", "Disk 10%"], await gauges.AllInnerTextsAsync());
        Assert.Equal("12:00:00", await page.Locator($"tr[data-node='{measured.Id}'] [data-kind='measured-at']").InnerTextAsync());

        r.Time.Advance(TimeSpan.FromSeconds(5));
        await Beat(3.0, 6, 50);
        // The page's next refresh (every 2 s) redraws the row with the new measurement and its time.
        await page.Locator($"tr[data-node='{measured.Id}'] [data-gauge='RAM'][data-p='75']").WaitForAsync(new LocatorWaitForOptions { Timeout = 15000 });
        Assert.Equal(["CPU 75%", "RAM 75%", "Disk 50%"], await gauges.AllInnerTextsAsync());
        Assert.Equal("12:00:05", await page.Locator($"tr[data-node='{measured.Id}'] [data-kind='measured-at']").InnerTextAsync());
        Assert.Equal(0, await page.Locator($"tr[data-node='{silent.Id}'] [data-gauge]").CountAsync());
        Assert.Equal(1, await page.Locator($"tr[data-node='{silent.Id}'] [data-kind='unmeasured']").CountAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshot("farm-page-usage.png"), FullPage = true });
    }

    [Fact]
    public async Task FarmAndNodePage_VolatileIdentity_ChipWithItsExplanationOnlyOnThatNode()
    {
        var r = _registry!;
        var (_, owner, _) = await r.AccountAsync("volatile-owner");
        var farm = await owner.CreateFarmAsync(new FarmCreate("volatile-farm"), Ct);
        await r.AllowNodesAsync(owner, farm.Id);
        var (steady, _) = await r.NodeAsync(farm.Id);
        using var volatileNode = Ed25519Identity.Generate();
        await r.Client(volatileNode).RegisterNodeAsync(r.ConsentedRegistration(volatileNode.Id, farm.Id, "10.1.0.8/24") with { IdentityVolatile = true }, Ct);

        var page = await _browser!.NewPageAsync();
        await page.GotoAsync(new Uri(r.BaseUrl!, $"/#/farm/{farm.Id}").ToString());
        var chip = page.Locator($"tr[data-node='{volatileNode.Id}'] [data-kind='identity-volatile']");
        await chip.WaitForAsync(new LocatorWaitForOptions { Timeout = 15000 });
        Assert.Equal("volatile identity", await chip.InnerTextAsync());
        Assert.Contains("changes at every boot", await chip.GetAttributeAsync("title"), StringComparison.Ordinal);
        Assert.Equal(1, await page.Locator($"tr[data-node='{steady.Id}']").CountAsync());
        Assert.Equal(0, await page.Locator($"tr[data-node='{steady.Id}'] [data-kind='identity-volatile']").CountAsync());

        await page.GotoAsync(new Uri(r.BaseUrl!, $"/#/node/{volatileNode.Id}").ToString());
        await page.Locator("h2 [data-kind='identity-volatile']").WaitForAsync(new LocatorWaitForOptions { Timeout = 15000 });
        await page.GotoAsync(new Uri(r.BaseUrl!, $"/#/node/{steady.Id}").ToString());
        await page.Locator($"h2 code:text('{steady.Id}')").WaitForAsync(new LocatorWaitForOptions { Timeout = 15000 });
        Assert.Equal(0, await page.Locator("[data-kind='identity-volatile']").CountAsync());
    }

    [Fact]
    public async Task NetworkPage_MeshPicture_ShowsMembersLinksAccessNodeAndHidden()
    {
        var r = _registry!;
        var (_, owner, _) = await r.AccountAsync("mesh-owner");
        var (pub, pubClient) = await r.NodeAsync(null);
        var (hidden, hiddenClient) = await r.NodeAsync(null);
        var net = await owner.CreateNetworkAsync(new NetworkCreate("picture", "10.80.0.0/16"), Ct);
        await owner.AddNetworkMemberAsync(net.NetId, new NetworkMemberAdd(pub.Id), Ct);
        await owner.AddNetworkMemberAsync(net.NetId, new NetworkMemberAdd(hidden.Id), Ct);
        await pubClient.ReportAsync(pub.Id, TestRegistry.NetworkDeployed(net.NetId, WireGuardKeyPair.Generate().PublicKey.ToBase64(), "203.0.113.5:3000"), Ct);
        await hiddenClient.ReportAsync(hidden.Id, TestRegistry.NetworkDeployed(net.NetId, WireGuardKeyPair.Generate().PublicKey.ToBase64()), Ct);
        await owner.JoinNetworkAsync(net.NetId, new UserAccessJoin("laptop", WireGuardKeyPair.Generate().PublicKey.ToBase64()), Ct);

        var page = await _browser!.NewPageAsync();
        await page.GotoAsync(new Uri(r.BaseUrl!, $"/#/network/{net.NetId}").ToString());
        await page.WaitForSelectorAsync("#mesh-picture");
        Assert.Equal(3, await page.Locator("#mesh-picture [data-kind='member']").CountAsync());
        Assert.Equal("true", await page.Locator($"#mesh-picture [data-member='{pub.Id}']").GetAttributeAsync("data-access"));
        Assert.Equal("true", await page.Locator($"#mesh-picture [data-member='{hidden.Id}']").GetAttributeAsync("data-hidden"));
        Assert.Equal("true", await page.Locator("#mesh-picture [data-member='laptop']").GetAttributeAsync("data-hidden"));
        Assert.True(await page.Locator($"#mesh-picture [data-kind='link'][data-from='{hidden.Id}'][data-to='{pub.Id}']").CountAsync() == 1);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshot("network-mesh.png"), FullPage = true });
    }

    [Fact]
    public async Task CapacityPage_ListsFarmWithCounts()
    {
        var r = _registry!;
        var (_, owner, _) = await r.AccountAsync("cap-owner");
        var farm = await owner.CreateFarmAsync(new FarmCreate("cap-farm"), Ct);
        await r.AllowNodesAsync(owner, farm.Id);
        await r.NodeAsync(farm.Id);
        var page = await _browser!.NewPageAsync();
        await page.GotoAsync(r.BaseUrl!.ToString());
        var line = page.Locator($"tr[data-farm='{farm.Id}']");
        await line.WaitForAsync();
        Assert.Contains("1/1", await line.InnerTextAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshot("capacity.png"), FullPage = true });
    }

    [Fact]
    public async Task FarmPage_FiveHundredNodes_RendersEveryRowAndRecordsRenderTime()
    {
        // The goal is a 500-node farm page in under a second; the figures are recorded (test output and
        // artifacts/cockpit-farm-500.txt), not asserted: timing belongs to measurements, not to pass/fail.
        const int count = 500;
        var r = _registry!;
        var (_, owner, _) = await r.AccountAsync("big-owner");
        var farm = await owner.CreateFarmAsync(new FarmCreate("big-farm", [new FarmIpAdd("203.0.113.10/24", "203.0.113.1")]), Ct);
        await r.AllowNodesAsync(owner, farm.Id);
        var nodes = new (Ed25519Identity Id, RegistryClient Client)[count];
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
            {
                nodes[i] = await r.NodeAsync(farm.Id, $"10.{1 + i / 250}.{i % 250}.5/16");
                await nodes[i].Client.HeartbeatAsync(nodes[i].Id.Id, new Heartbeat(10, new NodeHealth(true, i % 2 == 0, 5, [])), Ct);
            }
        }, Ct)));

        // From navigation start to every row in the DOM, laid out (the farm picture, 30,000 pixels below, is drawn when
        // scrolled near: measured apart below), with where the time went: the document, cockpit.js, the API call, JSON
        // parsed, HTML built, DOM written, laid out, first painted (ms after navigation start).
        async Task<(double FirstMs, double ApiMs, string Breakdown)> FirstRender(IPage p)
        {
            await p.GotoAsync(new Uri(r.BaseUrl!, $"/#/farm/{farm.Id}").ToString());
            await p.WaitForFunctionAsync(
                $"() => document.querySelectorAll('tr[data-node]').length === {count}", null, new PageWaitForFunctionOptions { Timeout = 60000 });
            var firstMs = await p.EvaluateAsync<double>("() => { document.body.getBoundingClientRect(); return performance.now(); }");
            var apiMs = await p.EvaluateAsync<double>(
                "() => performance.getEntriesByType('resource').filter(e => e.name.includes('/cockpit/farms/')).map(e => e.duration)[0] ?? -1");
            var breakdown = await p.EvaluateAsync<string>("""
                () => {
                  const nav = performance.getEntriesByType('navigation')[0];
                  const res = n => performance.getEntriesByType('resource').find(e => e.name.includes(n));
                  const js = res('/cockpit/cockpit.js'), api = res('/cockpit/farms/'), boot = res('/boot-events');
                  const mark = n => performance.getEntriesByName(n)[0]?.startTime ?? -1;
                  const f = x => Math.round(x);
                  return `document ${f(nav.responseEnd)}, cockpit.js ${f(js?.responseEnd ?? -1)}, DOMContentLoaded ${f(nav.domContentLoadedEventEnd)}, ` +
                    `API ${f(api?.startTime ?? -1)}-${f(api?.responseEnd ?? -1)}, boot events ${f(boot?.startTime ?? -1)}-${f(boot?.responseEnd ?? -1)}, JSON parsed ${f(mark('zos-farm-data'))}, HTML built ${f(mark('zos-farm-html'))}, ` +
                    `DOM written ${f(mark('zos-farm-dom'))}, laid out ${f(mark('zos-farm-layout'))}, painted ${f(mark('zos-farm-painted'))}, API body ${api?.encodedBodySize ?? -1} bytes`;
                }
                """);
            return (firstMs, apiMs, breakdown);
        }

        // Cold: the registry's first page and API answers since it started (its code not compiled yet) in a browser
        // that has not drawn a page yet.
        var page = await _browser!.NewPageAsync();
        var (firstMs, apiMs, breakdown) = await FirstRender(page);
        // Warm: the same farm opened again in a new browser context (nothing cached) of the running browser, from a
        // registry that has served pages before, as when a farmer opens the Cockpit of a running registry.
        await using var warmContext = await _browser.NewContextAsync();
        var (warmMs, warmApiMs, warmBreakdown) = await FirstRender(await warmContext.NewPageAsync());
        async Task<double> Draw(string before) => await page.EvaluateAsync<double>(
            $"async () => {{ {before}; const t = performance.now(); await farmPage('{farm.Id}'); document.body.getBoundingClientRect(); return performance.now() - t; }}");
        var full = new List<double>();
        for (var i = 0; i < 3; i++)
            full.Add(await Draw("farmShown = null"));
        var unchanged = await Draw("");
        // Fifty nodes report IPv6 now: a refresh replaces their rows only.
        for (var i = 1; i < 100; i += 2)
            await nodes[i].Client.HeartbeatAsync(nodes[i].Id.Id, new Heartbeat(20, new NodeHealth(true, true, 5, [])), Ct);
        var changed = await Draw("");
        // 30,000 pixels below the view, the picture is not drawn yet...
        Assert.Equal(0, await page.Locator("#farm-picture [data-kind='node']").CountAsync());
        // ...until scrolled to: from the scroll to its 500 nodes in the DOM, laid out; then a refresh with it in view.
        var pictureMs = await page.EvaluateAsync<double>($$"""
            async () => {
              const t = performance.now();
              document.getElementById('farm-picture-box').scrollIntoView();
              while (document.querySelectorAll('#farm-picture [data-kind=node]').length !== {{count}} && performance.now() - t < 30000)
                await new Promise(r => requestAnimationFrame(r));
              document.body.getBoundingClientRect();
              return performance.now() - t;
            }
            """);
        var pictureRefresh = await Draw("");

        Assert.Equal(count, await page.Locator("tr[data-node]").CountAsync());
        Assert.Equal(count, await page.Locator("#farm-picture [data-kind='node']").CountAsync());
        Assert.Equal(count / 2 + 50, await page.Locator("tr[data-node]").Filter(new LocatorFilterOptions { HasText = "IPv6 ✓" }).CountAsync());
        full.Sort();
        var figure = $"Cockpit farm page, {count} nodes, headless chromium: first render {firstMs:0} ms after navigation start (its API call {apiMs:0} ms); " +
                     $"opened again in a new browser context: {warmMs:0} ms (its API call {warmApiMs:0} ms; steps: {warmBreakdown}); " +
                     $"full redraw median {full[1]:0} ms; refresh with 50 rows changed {changed:0} ms; refresh with none changed {unchanged:0} ms; " +
                     $"farm picture drawn {pictureMs:0} ms after scrolling to it, then a refresh with it in view {pictureRefresh:0} ms; " +
                     $"first render's steps (ms after navigation start): {breakdown}";
        TestContext.Current.TestOutputHelper?.WriteLine(figure);
        await File.WriteAllTextAsync(Screenshot("../cockpit-farm-500.txt"), figure + Environment.NewLine, Ct);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshot("farm-page-500.png") });
    }
}
