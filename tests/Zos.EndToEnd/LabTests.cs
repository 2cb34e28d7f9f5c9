using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;
using Zos.Core.Contracts;
using Zos.Testing;

namespace Zos.EndToEnd;

/// <summary>
/// The README's main command for real: `zos lab up` builds farms out of namespaces, with the real registry, boot
/// server (our DHCP with the farm's MAC reservations), router-config files and node daemons. The tests of this
/// class never overlap (xunit runs one class's tests in turn): every lab uses the same zl-* names.
/// </summary>
public sealed partial class LabTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task LabUp_Mixed_EveryNodeUpInCockpitKilledNodeDownRestartedNodeUpThenDownRestoresHost()
    {
        Require.Privileged("ip", "nft", "dnsmasq", "radvd", "unshare", "busybox", "setsid");
        if (!File.Exists(CockpitBrowser.Chromium))
            Require.Tools("chromium");
        var lab = new LabCli(Path.Combine(Path.GetTempPath(), TestNames.New("lab")), 18480);
        var before = HostSnapshot.Take();
        try
        {
            var up = lab.Run("lab", "up", "--scenario", "mixed", "--port", lab.PortText, "--timeout", "150");
            Assert.True(up.ExitCode == 0, $"lab up failed ({up.ExitCode}):\n{up.StdOut}\n{up.StdErr}");
            Assert.Contains("4/4 nodes registered", up.StdOut, StringComparison.Ordinal);

            using var http = new HttpClient { BaseAddress = lab.Cockpit, Timeout = TimeSpan.FromSeconds(10) };
            var nodes = await http.GetFromJsonAsync<List<NodeView>>("api/v1/nodes", ContractJson.Options, Ct);
            Assert.NotNull(nodes);
            Assert.Equal(4, nodes.Count);
            Assert.All(nodes, n => Assert.Equal(NodeStatus.Up, n.Status));
            // The dc farm's nodes got their management addresses by reservation from the boot server's own DHCP.
            var zosAddresses = nodes.SelectMany(n => n.Interfaces.Where(i => i.Name == "zos").SelectMany(i => i.Addresses)).ToList();
            Assert.Contains("10.10.0.11/24", zosAddresses);
            Assert.Contains("10.10.0.12/24", zosAddresses);
            Assert.Contains("10.10.0.13/24", zosAddresses);
            using (var state = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(lab.LabDirectory, "state.json"), Ct)))
            {
                var inBootNamespace = state.RootElement.GetProperty("processes").EnumerateArray()
                    .Where(p => p.GetProperty("namespace").GetString() == "zl-dc-farm-boot").Select(p => p.GetProperty("role").GetString()).ToList();
                Assert.Equal(["boot"], inBootNamespace);
            }
            var leases = await File.ReadAllTextAsync(Path.Combine(lab.LabDirectory, "farms", "dc-farm", "dhcp.leases"), Ct);
            Assert.Contains("10.10.0.11", leases, StringComparison.Ordinal);

            await using var browser = await CockpitBrowser.LaunchAsync(lab.Cockpit);
            // Every node is "up" on its farm's page in the Cockpit, as a farmer's browser on the host shows it.
            foreach (var farm in nodes.GroupBy(n => n.FarmId!.Value))
            {
                var page = await browser.FarmPageAsync(farm.Key);
                foreach (var node in farm)
                    await CockpitBrowser.WaitForStatusAsync(page, node.Id, "up", TimeSpan.FromSeconds(15));
                Assert.Equal(farm.Count(), await page.Locator("tr[data-node]").CountAsync());
                Assert.Equal(farm.Count(), await page.Locator("tr[data-node] [data-status='up']").CountAsync());
                await CockpitBrowser.ScreenshotAsync(page, $"lab-farm-{farm.Key}-up.png");
                await page.CloseAsync();
            }

            // Kill the home node's daemon: three missed heartbeats (5 s each in the lab) later the Cockpit says down.
            var homeId = nodes.Single(n => n.FarmId == 2).Id;
            var homePage = await browser.FarmPageAsync(2);
            var kill = lab.Run("lab", "kill", "home-farm/home1");
            Assert.True(kill.ExitCode == 0, $"lab kill failed: {kill.StdOut}\n{kill.StdErr}");
            await CockpitBrowser.WaitForStatusAsync(homePage, homeId, "down", TimeSpan.FromSeconds(60));
            await CockpitBrowser.ScreenshotAsync(homePage, "lab-farm-2-killed-down.png");

            // Start it again: same state directory, so the same identity comes back up.
            var start = lab.Run("lab", "start", "home1");
            Assert.True(start.ExitCode == 0, $"lab start failed: {start.StdOut}\n{start.StdErr}");
            await CockpitBrowser.WaitForStatusAsync(homePage, homeId, "up", TimeSpan.FromSeconds(90));
            await CockpitBrowser.ScreenshotAsync(homePage, "lab-farm-2-restarted-up.png");
            var after = await http.GetFromJsonAsync<List<NodeView>>("api/v1/nodes", ContractJson.Options, Ct);
            Assert.Equal(4, after!.Count);
            Assert.All(after, n => Assert.Equal(NodeStatus.Up, n.Status));
        }
        finally
        {
            lab.Down();
        }
        Assert.Equal(before, HostSnapshot.Take());
        Assert.False(Directory.Exists(lab.LabDirectory), $"lab down left {lab.LabDirectory}");
    }

    [Fact]
    public async Task LabUp_VlanWithBootServer20sLate_NodesWaitForItThenAllComeUpWithReservedAddresses()
    {
        // Port-based VLANs (untagged access ports) are one bridge per VLAN in the switch namespace: no 802.1Q and no
        // bridge VLAN filtering needed, so this runs on kernels without them.
        Require.Privileged("ip", "nft", "radvd", "unshare", "busybox", "setsid");
        var lab = new LabCli(Path.Combine(Path.GetTempPath(), TestNames.New("lab")), 18481);
        var before = HostSnapshot.Take();
        try
        {
            var up = lab.Run("lab", "up", "--scenario", "vlan", "--port", lab.PortText, "--timeout", "150", "--boot-delay", "20");
            Assert.True(up.ExitCode == 0, $"lab up failed ({up.ExitCode}):\n{up.StdOut}\n{up.StdErr}");
            var summary = Summary().Match(up.StdOut);
            Assert.True(summary.Success, $"no summary line in:\n{up.StdOut}");
            Assert.Equal("2/2", summary.Groups["count"].Value);
            // Nothing answers DHCP on the OOB VLAN for 20 s, so no node can have registered before that.
            Assert.True(double.Parse(summary.Groups["seconds"].Value, CultureInfo.InvariantCulture) >= 20,
                $"nodes registered before the boot server started:\n{up.StdOut}");
            Assert.Contains("the boot servers start 20 s late", up.StdOut, StringComparison.Ordinal);

            using var http = new HttpClient { BaseAddress = lab.Cockpit, Timeout = TimeSpan.FromSeconds(10) };
            var nodes = await http.GetFromJsonAsync<List<NodeView>>("api/v1/nodes", ContractJson.Options, Ct);
            Assert.NotNull(nodes);
            Assert.Equal(2, nodes.Count);
            Assert.All(nodes, n => Assert.Equal(NodeStatus.Up, n.Status));
            var zosIpv4 = nodes.SelectMany(n => n.Interfaces.Where(i => i.Name == "zos").SelectMany(i => i.Addresses))
                .Where(a => !a.Contains(':', StringComparison.Ordinal)).Order(StringComparer.Ordinal);
            Assert.Equal(["10.30.0.11/24", "10.30.0.12/24"], zosIpv4);
        }
        finally
        {
            lab.Down();
        }
        Assert.Equal(before, HostSnapshot.Take());
        Assert.False(Directory.Exists(lab.LabDirectory), $"lab down left {lab.LabDirectory}");
    }

    [Fact]
    public async Task LabUpDemo_Flat_WorkloadsPingEachOtherLaptopReachesWorkloadsAlsoAfterANodeDaemonRestart()
    {
        // Flat: the nodes' zos gets public IPv4 and IPv6 from the public segment, so they are reachable WireGuard
        // endpoints without a public namespace; the laptop sits on the internet side.
        Require.Privileged("ip", "nft", "radvd", "unshare", "busybox", "setsid", "nsenter", "wg-quick", "wireguard-go", "ping");
        var lab = new LabCli(Path.Combine(Path.GetTempPath(), TestNames.New("lab")), 18482);
        var before = HostSnapshot.Take();
        try
        {
            var up = lab.Run("lab", "up", "--scenario", "flat", "--port", lab.PortText, "--timeout", "150", "--demo");
            Assert.True(up.ExitCode == 0, $"lab up --demo failed ({up.ExitCode}):\n{up.StdOut}\n{up.StdErr}");
            Assert.Contains("3/3 nodes registered", up.StdOut, StringComparison.Ordinal);
            // 3 workloads: 6 pairs, each over IPv6 (the workloads' ULA addresses) and IPv4, plus the laptop's IPv4 ping.
            Assert.Contains("demo: IPv4 7/7 pings answered, IPv6 6/6", up.StdOut, StringComparison.Ordinal);
            var workloads = Workload().Matches(up.StdOut).Select(m => m.Groups["ip"].Value).ToList();
            Assert.Equal(3, workloads.Count);

            var config = await File.ReadAllTextAsync(Path.Combine(lab.LabDirectory, "zl-laptop.conf"), Ct);
            Assert.Contains("[Interface]", config, StringComparison.Ordinal);
            Assert.Contains("[Peer]", config, StringComparison.Ordinal);
            Assert.DoesNotContain("<PRIVATE-KEY>", config, StringComparison.Ordinal);
            // Independently of the lab's own pings: the laptop reaches every workload through its wg-quick tunnel.
            foreach (var ip in workloads)
            {
                var ping = Sh.Run("ip", "netns", "exec", "zl-laptop", "ping", "-c", "1", "-W", "2", ip);
                Assert.True(ping.ExitCode == 0, $"the laptop cannot reach the workload {ip}: {ping.StdOut}{ping.StdErr}");
            }

            // A node daemon crashes and is started again: its network resource and workload are still there and
            // the laptop reaches that workload through the mesh again.
            Assert.Equal(0, lab.Run("lab", "kill", "flat2").ExitCode);
            Assert.Equal(0, lab.Run("lab", "start", "flat2").ExitCode);
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            ShResult again;
            do
            {
                again = Sh.Run("ip", "netns", "exec", "zl-laptop", "ping", "-c", "1", "-W", "2", workloads[1]);
            }
            while (again.ExitCode != 0 && DateTime.UtcNow < deadline);
            Assert.True(again.ExitCode == 0, $"after restarting flat2 the laptop cannot reach its workload {workloads[1]}: {again.StdOut}{again.StdErr}");
        }
        finally
        {
            lab.Down();
        }
        Assert.Equal(before, HostSnapshot.Take());
        Assert.False(Directory.Exists(lab.LabDirectory), $"lab down left {lab.LabDirectory}");
    }

    [GeneratedRegex(@"demo: workload on \S+: (?<ip>[0-9.]+) ")]
    private static partial Regex Workload();

    [GeneratedRegex(@"(?<count>\d+/\d+) nodes registered\S* in (?<seconds>[0-9.]+) s")]
    private static partial Regex Summary();
}
