using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Xunit;
using Zos.Core.Contracts;
using Zos.Testing;

namespace Zos.EndToEnd;

/// <summary>
/// Lab nodes as qemu VMs (TCG here) that PXE-boot the node image from the farm's boot server, through the real iPXE
/// ROM, and run the node daemon on virtio NICs. The image is TestImage's (ZOS_TEST_IMAGE: the test script builds it
/// once). Each test has a hard time limit; on failure the VMs' console logs are copied out of the
/// lab directory (which `lab down` removes) and their place is named in the failure message. Few VMs boot at once:
/// one boot is 20-40 s of CPU under TCG.
/// </summary>
public sealed partial class VmLabTests
{
    private static readonly TimeSpan s_upLimit = TimeSpan.FromMinutes(9);

    /// <summary>A farm of one switch: a VM with a state disk, one without, one whose MAC is not on the farm's list.</summary>
    private const string ThreeVmFarm = """
        name: vm-farm
        boot:
          runmode: dev
        switches:
          - name: oob
        router:
          name: router
          nat: true
          ports:
            - switch: oob
              ipv4: 10.30.0.1/24
        management:
          switch: oob
          subnet: 10.30.0.0/24
          gateway: 10.30.0.1
          dhcp_range: { start: 10.30.0.100, end: 10.30.0.199 }
          dns: [10.30.0.1]
        boot_server:
          switch: oob
          address: 10.30.0.2/24
        nodes:
          - name: disk
            kind: vm
            management_address: 10.30.0.11
            nics:
              - { name: eth0, mac: "52:54:00:30:00:01", switch: oob, role: management }
          - name: nodisk
            kind: vm
            state_disk: false
            management_address: 10.30.0.12
            nics:
              - { name: eth0, mac: "52:54:00:30:00:02", switch: oob, role: management }
          - name: stranger
            kind: vm
            listed: false
            nics:
              - { name: eth0, mac: "52:54:00:30:00:03", switch: oob, role: management }
        """;

    [Fact(Timeout = 15 * 60 * 1000)]
    public async Task LabUpVmDemo_Dc_EveryVmRegisteredAndTheirNetworkResourcesAndTheLaptopPingEachOther()
    {
        var ct = TestContext.Current.CancellationToken;
        var image = RequireVmLab();
        await using var run = new VmLabRun("vmdemo", 18483);
        var clock = Stopwatch.StartNew();
        var up = run.Lab.Run(s_upLimit, "lab", "up", "--scenario", "dc", "--vm", "--demo", "--image", image, "--port", run.Lab.PortText, "--timeout", "420");
        run.Note($"lab up --scenario dc --vm --demo: {clock.Elapsed.TotalSeconds:F0} s (exit {up.ExitCode})");
        Assert.True(up.ExitCode == 0, run.Failure($"lab up --vm --demo failed ({up.ExitCode}):\n{up.StdOut}\n{up.StdErr}"));
        var summary = Summary().Match(up.StdOut);
        Assert.True(summary.Success && summary.Groups["count"].Value == "3/3", run.Failure($"not every VM registered:\n{up.StdOut}"));
        run.Note($"all 3 VMs registered {summary.Groups["seconds"].Value} s after lab up started");
        // 3 network resources: 6 ordered pairs, each over IPv6 and IPv4, run inside the VMs; plus the laptop to each of the 3 over both.
        Assert.True(up.StdOut.Contains("demo: IPv4 9/9 pings answered, IPv6 9/9", StringComparison.Ordinal), run.Failure($"the demo matrix did not answer:\n{up.StdOut}"));

        using var http = new HttpClient { BaseAddress = run.Lab.Cockpit, Timeout = TimeSpan.FromSeconds(10) };
        var nodes = await http.GetFromJsonAsync<List<NodeView>>("api/v1/nodes", ContractJson.Options, ct);
        Assert.NotNull(nodes);
        Assert.Equal(3, nodes.Count);
        Assert.All(nodes, n => Assert.Equal(NodeStatus.Up, n.Status));
        Assert.All(nodes, n => Assert.False(n.IdentityVolatile, run.Failure($"{n.Id} says its identity is volatile, but every dc VM has a state disk")));
        // The boot server's DHCP reservations, by the VMs' own MACs (the bridge zos takes the management NIC's MAC).
        var zos = nodes.SelectMany(n => n.Interfaces.Where(i => i.Name == "zos")).ToDictionary(i => i.Mac.ToLowerInvariant(), i => i.Addresses);
        Assert.Contains("10.10.0.11/24", zos["52:54:00:10:00:01"]);
        Assert.Contains("10.10.0.13/24", zos["52:54:00:10:00:03"]);
        run.Passed();
    }

    [Fact(Timeout = 15 * 60 * 1000)]
    public async Task LabUpVm_StateDiskKeepsTheIdAcrossPowerLossNoDiskIsVolatileUnlistedMacOnlyBoots()
    {
        var ct = TestContext.Current.CancellationToken;
        var image = RequireVmLab();
        await using var run = new VmLabRun("vmfarm", 18484);
        var scenario = Path.Combine(run.Keep, "three-vms.yaml");
        Directory.CreateDirectory(run.Keep);
        await File.WriteAllTextAsync(scenario, ThreeVmFarm, ct);
        var clock = Stopwatch.StartNew();
        var up = run.Lab.Run(s_upLimit, "lab", "up", "--scenario", scenario, "--image", image, "--port", run.Lab.PortText, "--timeout", "360");
        run.Note($"lab up (3 VMs, 2 listed): {clock.Elapsed.TotalSeconds:F0} s (exit {up.ExitCode})");
        Assert.True(up.ExitCode == 0, run.Failure($"lab up failed ({up.ExitCode}):\n{up.StdOut}\n{up.StdErr}"));
        Assert.True(Summary().Match(up.StdOut) is { Success: true } m && m.Groups["count"].Value == "2/2", run.Failure($"the listed VMs did not register:\n{up.StdOut}"));

        using var http = new HttpClient { BaseAddress = run.Lab.Cockpit, Timeout = TimeSpan.FromSeconds(10) };
        var nodes = await http.GetFromJsonAsync<List<NodeView>>("api/v1/nodes", ContractJson.Options, ct) ?? [];
        Assert.Equal(2, nodes.Count);
        var disk = ByMac(nodes, "52:54:00:30:00:01");
        var nodisk = ByMac(nodes, "52:54:00:30:00:02");
        Assert.False(disk.IdentityVolatile, run.Failure("the VM with a state disk says its identity is volatile"));
        Assert.True(nodisk.IdentityVolatile, run.Failure("the VM without a state disk does not say its identity is volatile"));

        // The unlisted VM booted (the boot server saw its MAC, the Cockpit's booting panel lists it) and never registered.
        var farmId = nodes[0].FarmId!.Value;
        var booting = await http.GetFromJsonAsync<List<BootActivity>>($"api/v1/farms/{farmId}/boot-events", ContractJson.Options, ct) ?? [];
        var stranger = booting.SingleOrDefault(b => b.Mac == "52:54:00:30:00:03");
        Assert.True(stranger is { Registered: false }, run.Failure($"the unlisted MAC is not among the farm's boot events: {string.Join(", ", booting.Select(b => $"{b.Mac} {b.LastStep}"))}"));

        // Power loss and power on: the same state disk, so the same node id comes back (and no second node appears).
        var kill = run.Lab.Run("lab", "kill", "vm-farm/disk");
        Assert.True(kill.ExitCode == 0, run.Failure($"lab kill failed: {kill.StdOut}\n{kill.StdErr}"));
        var killedAt = DateTimeOffset.UtcNow;
        await Task.Delay(1500, ct);
        var start = run.Lab.Run("lab", "start", "disk");
        Assert.True(start.ExitCode == 0, run.Failure($"lab start failed: {start.StdOut}\n{start.StdErr}"));
        var restart = Stopwatch.StartNew();
        NodeView? again = null;
        while (restart.Elapsed < TimeSpan.FromMinutes(5))
        {
            nodes = await http.GetFromJsonAsync<List<NodeView>>("api/v1/nodes", ContractJson.Options, ct) ?? [];
            // Anything the registry heard from this id after the power cut came from the new boot.
            again = nodes.FirstOrDefault(n => n.Id == disk.Id && n.LastSeen > killedAt && n.Status == NodeStatus.Up);
            if (again is not null)
                break;
            await Task.Delay(2000, ct);
        }
        run.Note($"power on to registered again: {restart.Elapsed.TotalSeconds:F0} s");
        Assert.True(again is not null, run.Failure($"node {disk.Id} did not come back after power-on: {string.Join(", ", nodes.Select(n => $"{n.Id} {n.Status} {n.LastSeen:u}"))}"));
        Assert.Equal(2, nodes.Count);
        run.Passed();
    }

    private static NodeView ByMac(IEnumerable<NodeView> nodes, string mac) =>
        nodes.Single(n => n.Interfaces.Any(i => string.Equals(i.Mac, mac, StringComparison.OrdinalIgnoreCase)));

    /// <summary>The node image directory; a missing image or qemu is a skip locally, a failure under ZOS_REQUIRE_PRIVILEGED=1.</summary>
    private static string RequireVmLab()
    {
        Require.Privileged("ip", "nft", "radvd", "qemu-system-x86_64", "wg-quick", "wireguard-go", "fping");
        var image = TestImage.Directory();
        if (!File.Exists("/usr/lib/ipxe/qemu/efi-virtio.rom") && !File.Exists("/usr/lib/ipxe/qemu/pxe-virtio.rom"))
            Require.Missing("the iPXE ROM of qemu's virtio NIC (Debian ipxe-qemu)");
        return image;
    }

    [GeneratedRegex(@"(?<count>\d+/\d+) nodes registered\S* in (?<seconds>[0-9.]+) s")]
    private static partial Regex Summary();

    /// <summary>
    /// One VM lab: its CLI, a directory kept after the test (console logs copied there when the test fails, so the
    /// message can name them), `lab down` at the end, and the host compared before and after.
    /// </summary>
    private sealed class VmLabRun : IAsyncDisposable
    {
        private readonly HostSnapshot _before = HostSnapshot.Take().OnlyLab();
        private readonly List<string> _notes = [];
        private bool _passed;

        public VmLabRun(string name, int port)
        {
            var id = TestNames.New(name);
            Lab = new LabCli(Path.Combine(Path.GetTempPath(), id), port);
            Keep = Path.Combine(Path.GetTempPath(), $"zos-vm-consoles-{id}");
        }

        public LabCli Lab { get; }

        /// <summary>Where the console logs go when the test fails (kept; the lab directory is removed).</summary>
        public string Keep { get; }

        public void Note(string line)
        {
            _notes.Add(line);
            TestContext.Current.TestOutputHelper?.WriteLine(line);
        }

        public void Passed() => _passed = true;

        public string Failure(string message) => $"{message}\nVM console logs (kept after the test): {Keep}";

        public async ValueTask DisposeAsync()
        {
            if (!_passed)
                CopyLogs();
            try
            {
                Lab.Down();
            }
            catch (InvalidOperationException e) when (!_passed)
            {
                File.AppendAllLines(Path.Combine(Keep, "notes.txt"), [e.Message]);
            }
            await Task.Yield();
            if (_passed && Directory.Exists(Keep))
                Directory.Delete(Keep, recursive: true);
            var left = new List<string>();
            if (HostSnapshot.Take().OnlyLab() is var after && after != _before)
                left.Add($"the host differs: before {_before}, after {after}");
            left.AddRange(HostSnapshot.ProcessesUsing(Lab.LabDirectory).Select(p => $"still running: {p}"));
            if (Directory.Exists(Lab.LabDirectory))
                left.Add($"lab down left {Lab.LabDirectory}");
            // After a failed test the leftovers go to the kept notes: an exception here would hide the test's own failure.
            if (!_passed)
                File.AppendAllLines(Path.Combine(Keep, "notes.txt"), left);
            else
                Assert.True(left.Count == 0, string.Join("\n", left));
        }

        private void CopyLogs()
        {
            Directory.CreateDirectory(Keep);
            File.WriteAllLines(Path.Combine(Keep, "notes.txt"), _notes);
            var nodes = Path.Combine(Lab.LabDirectory, "nodes");
            if (Directory.Exists(nodes))
            {
                foreach (var console in Directory.EnumerateFiles(nodes, "console.log", SearchOption.AllDirectories))
                    File.Copy(console, Path.Combine(Keep, $"{Path.GetFileName(Path.GetDirectoryName(console))}.console.log"), overwrite: true);
            }
            var logs = Path.Combine(Lab.LabDirectory, "logs");
            if (Directory.Exists(logs))
            {
                foreach (var log in Directory.EnumerateFiles(logs, "*.log"))
                    File.Copy(log, Path.Combine(Keep, Path.GetFileName(log)), overwrite: true);
            }
        }
    }
}
