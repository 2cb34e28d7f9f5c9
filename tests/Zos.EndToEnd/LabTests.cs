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
    public async Task LabUpDemo_Mixed_EveryNodeUpWorkloadsAndLaptopPingKilledNodeDownRestartedUpWithNetworksIntactThenDownRestoresHost()
    {
        Require.Privileged("ip", "nft", "dnsmasq", "radvd", "unshare", "busybox", "setsid", "nsenter", "wg-quick", "wireguard-go", "ping");
        if (!File.Exists(CockpitBrowser.Chromium))
            Require.Tools("chromium");
        var lab = new LabCli(Path.Combine(Path.GetTempPath(), TestNames.New("lab")), 18480);
        var before = HostSnapshot.Take();
        try
        {
            var up = lab.Run("lab", "up", "--scenario", "mixed", "--port", lab.PortText, "--timeout", "150", "--demo");
            Assert.True(up.ExitCode == 0, $"lab up --demo failed ({up.ExitCode}):\n{up.StdOut}\n{up.StdErr}");
            Assert.Contains("4/4 nodes registered", up.StdOut, StringComparison.Ordinal);
            // 4 workloads: 12 pairs, each over IPv6 (the workloads' ULA addresses) and IPv4, plus the laptop to each of
            // the 4 over both: node3 (no public config) and home1 (behind NAT) are hidden and go through the access node.
            Assert.Contains("demo: IPv4 16/16 pings answered, IPv6 16/16", up.StdOut, StringComparison.Ordinal);
            Assert.Contains("hidden members through it: dc-farm/node3, home-farm/home1", up.StdOut, StringComparison.Ordinal);

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

            // Independently of the lab's own pings: the laptop reaches every workload through its wg-quick tunnel.
            var workloads = Workload().Matches(up.StdOut).ToDictionary(m => m.Groups["node"].Value, m => (V4: m.Groups["ip"].Value, V6: m.Groups["ip6"].Value));
            Assert.Equal(4, workloads.Count);
            AssertLaptopReaches(lab, workloads.Values.SelectMany(w => new[] { w.V6, w.V4 }));

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
            var networksBefore = LabNodeNetworks.Read(lab, "home-farm/home1");
            var homePage = await browser.FarmPageAsync(2);
            var kill = lab.Run("lab", "kill", "home-farm/home1");
            Assert.True(kill.ExitCode == 0, $"lab kill failed: {kill.StdOut}\n{kill.StdErr}");
            await CockpitBrowser.WaitForStatusAsync(homePage, homeId, "down", TimeSpan.FromSeconds(60));
            await CockpitBrowser.ScreenshotAsync(homePage, "lab-farm-2-killed-down.png");

            // Start it again: same state directory, so the same identity comes back up...
            var start = lab.Run("lab", "start", "home1");
            Assert.True(start.ExitCode == 0, $"lab start failed: {start.StdOut}\n{start.StdErr}");
            await CockpitBrowser.WaitForStatusAsync(homePage, homeId, "up", TimeSpan.FromSeconds(90));
            await CockpitBrowser.ScreenshotAsync(homePage, "lab-farm-2-restarted-up.png");
            var after = await http.GetFromJsonAsync<List<NodeView>>("api/v1/nodes", ContractJson.Options, Ct);
            Assert.Equal(4, after!.Count);
            Assert.All(after, n => Assert.Equal(NodeStatus.Up, n.Status));

            // ...with its networks intact: the same network resource and workload namespaces (not rebuilt), and the
            // whole ping matrix answering again, the restarted hidden node included.
            AssertNetworksIntact(lab, "home-farm/home1", networksBefore, "IPv4 16/16 pings answered, IPv6 16/16");
            AssertLaptopReaches(lab, [workloads["home-farm/home1"].V6, workloads["home-farm/home1"].V4]);
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
            // 3 workloads: 6 pairs, each over IPv6 (the workloads' ULA addresses) and IPv4, plus the laptop to each over both.
            Assert.Contains("demo: IPv4 9/9 pings answered, IPv6 9/9", up.StdOut, StringComparison.Ordinal);
            var workloads = Workload().Matches(up.StdOut).SelectMany(m => new[] { m.Groups["ip6"].Value, m.Groups["ip"].Value }).ToList();
            Assert.Equal(6, workloads.Count);

            var config = await File.ReadAllTextAsync(Path.Combine(lab.LabDirectory, "zl-laptop.conf"), Ct);
            Assert.Contains("[Interface]", config, StringComparison.Ordinal);
            Assert.Contains("[Peer]", config, StringComparison.Ordinal);
            Assert.DoesNotContain("<PRIVATE-KEY>", config, StringComparison.Ordinal);
            // The file `zos network join` gives the laptop has both families: its ULA address and the network's /48.
            Assert.Matches(@"Address = 100\.64\.80\.\d+/32, fd[0-9a-f:]+/128\n", config);
            Assert.Matches(@"AllowedIPs = 10\.80\.0\.0/16, 100\.64\.0\.0/16, fd[0-9a-f:]+::/48\n", config);
            // Independently of the lab's own pings: the laptop reaches every workload through its wg-quick tunnel.
            AssertLaptopReaches(lab, workloads);

            // A node daemon crashes and is started again: its network resource and workload are still there and
            // every ping answers again.
            var networksBefore = LabNodeNetworks.Read(lab, "flat-farm/flat2");
            Assert.Equal(0, lab.Run("lab", "kill", "flat2").ExitCode);
            Assert.Equal(0, lab.Run("lab", "start", "flat2").ExitCode);
            AssertNetworksIntact(lab, "flat-farm/flat2", networksBefore, "IPv4 9/9 pings answered, IPv6 9/9");
        }
        finally
        {
            lab.Down();
        }
        Assert.Equal(before, HostSnapshot.Take());
        Assert.False(Directory.Exists(lab.LabDirectory), $"lab down left {lab.LabDirectory}");
    }

    /// <summary>`zos lab ping` after a restart: the node's network resource and workload namespaces are the same ones, and every ping answers.</summary>
    private static void AssertNetworksIntact(LabCli lab, string nodeLabel, LabNodeNetworks before, string expectedSummary)
    {
        Assert.DoesNotContain("missing", before.ResourceInode + before.WorkloadInode, StringComparison.Ordinal);
        Assert.Equal(before, LabNodeNetworks.Read(lab, nodeLabel));
        var ping = lab.Run("lab", "ping", "--timeout", "90");
        Assert.True(ping.ExitCode == 0, $"lab ping after restarting {nodeLabel} failed ({ping.ExitCode}):\n{ping.StdOut}\n{ping.StdErr}");
        Assert.Contains(expectedSummary, ping.StdOut, StringComparison.Ordinal);
    }

    private static void AssertLaptopReaches(LabCli lab, IEnumerable<string> addresses)
    {
        foreach (var ip in addresses)
        {
            // A restarted node's peers may need a handshake first: a few tries.
            ShResult ping;
            var tries = 0;
            do
                ping = Sh.Run("ip", "netns", "exec", "zl-laptop", "ping", "-c", "1", "-W", "2", ip);
            while (ping.ExitCode != 0 && ++tries < 5);
            Assert.True(ping.ExitCode == 0, $"the laptop cannot reach the workload {ip} (lab {lab.LabDirectory}): {ping.StdOut}{ping.StdErr}");
        }
    }

    [GeneratedRegex(@"demo: workload on (?<node>\S+): (?<ip>[0-9.]+) (?<ip6>[0-9a-f:]+)")]
    private static partial Regex Workload();

    [GeneratedRegex(@"(?<count>\d+/\d+) nodes registered\S* in (?<seconds>[0-9.]+) s")]
    private static partial Regex Summary();
}
