using System.Collections.Concurrent;
using Xunit;
using Zos.Core.Bringup;
using Zos.Core.Primitives;
using Zos.Node.Bringup;

namespace Zos.Node.Tests.Bringup;

/// <summary>
/// Bring-up on slow links and with a registry that refuses: waits that grow per failed round, NICs kept up between
/// rounds, the route out proven by targets that are not the registry (fakes, no kernel).
/// </summary>
public sealed class BringupRoundsTests : IDisposable
{
    private static readonly ConnectivityTarget s_registry = new("198.51.100.9", 8480);
    private static readonly ConnectivityTarget s_internet = new("203.0.113.53", 443);

    private readonly string _dir = Directory.CreateTempSubdirectory("zos-rounds-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static MacAddress Mac(int n) => MacAddress.Parse($"02:00:00:00:02:{n:x2}");

    private sealed record Run(BringupOutcome Outcome, BringupStatus Status, RecordingLinkControl Links, RoundProber Prober, string Console, ScriptedConnectivity Connectivity);

    private async Task<Run> RunAsync(string[] nics, Dictionary<string, int> leaseFromRound, string[]? unplugged = null,
        ScriptedConnectivity? connectivity = null, ushort? privateVlan = null)
    {
        var links = new RecordingLinkControl();
        for (var i = 0; i < nics.Length; i++)
            links.Links.Add(new HostLink(nics[i], i + 2, "veth", Mac(i), null, false, false));
        var prober = new RoundProber(links, leaseFromRound, (unplugged ?? []).ToHashSet());
        var console = new StringWriter();
        var status = new StatusReporter(Path.Combine(_dir, "status.json"), console, TimeProvider.System);
        connectivity ??= new ScriptedConnectivity(RegistryAccepts: true);
        var settings = new BringupSettings(
            new HashSet<string> { "veth" }, [s_internet], TimeSpan.FromSeconds(1), ProbeSchedule.Default, TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(2),
            new BackoffPolicy(TimeSpan.FromMilliseconds(5), 1, TimeSpan.FromMilliseconds(5), 0), privateVlan, null, null)
        {
            Registry = s_registry,
        };
        var runner = new BringupRunner(links, prober, new NoLeaseClient(), connectivity, status, settings, TimeProvider.System, new Random(1));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var outcome = await runner.RunAsync(timeout.Token);
        return new Run(outcome, status.Current, links, prober, console.ToString(), connectivity);
    }

    [Fact]
    public async Task RunAsync_SilentRounds_WaitsGrowPerRound_AndEachNicSaysWhatItWaitedFor()
    {
        var run = await RunAsync(["eth0", "eth1"], new() { ["eth1"] = 3 }, unplugged: ["eth0"]);

        Assert.Equal("eth1", run.Outcome.Nic);
        var eth1 = run.Prober.Probes.Where(p => p.Nic == "eth1").Select(p => p.Settings).ToList();
        Assert.Equal([1.5, 3, 6], eth1.Select(s => s.CarrierWait.TotalSeconds));
        Assert.Equal([2, 4, 8], eth1.Select(s => s.DhcpTries));
        Assert.All(eth1, s => Assert.True(s.KeepUpBetweenRounds));
        Assert.Contains("eth1: no offer after 2 DHCP tries of 1 s (round 1)", run.Console, StringComparison.Ordinal);
        Assert.Contains("eth0: no carrier yet after 1.5 s (round 1)", run.Console, StringComparison.Ordinal);
        Assert.Contains("eth1: no offer after 4 DHCP tries of 1 s (round 2)", run.Console, StringComparison.Ordinal);
        // The status the node reports keeps the last round's wait per NIC.
        Assert.Equal("no carrier yet after 6 s (round 3)", run.Status.Nics.Single(r => r.Nic == "eth0").Wait);
        Assert.Null(run.Status.Nics.Single(r => r.Nic == "eth1").Wait);
    }

    [Fact]
    public async Task RunAsync_NicsWithoutAnswer_StayUpBetweenRounds_AndComeBackWhenOneIsChosen()
    {
        var run = await RunAsync(["eth0", "eth1"], new() { ["eth1"] = 2 }, unplugged: ["eth0"]);

        Assert.Equal("eth1", run.Outcome.Nic);
        // Round 2 found both NICs where round 1 left them, up in their probe namespaces, not moved back and forth.
        var probes = run.Prober.Probes.ToList();
        Assert.Equal([false, false, true, true], probes.Select(p => p.WasParked));
        // Released at start (leftovers of a killed daemon), when eth1 was chosen, and once more when online.
        Assert.True(run.Prober.Releases >= 2);
        Assert.Empty(run.Prober.Parked);
        Assert.Contains(run.Links.Links, l => l.Name == "eth0");
        Assert.Contains("ip link set eth1 master zos", run.Links.Commands);
    }

    [Fact]
    public async Task RunAsync_RegistryRefuses_NodeKeepsItsNicAndBridge_AndSaysTheRegistryIsTheProblem()
    {
        var run = await RunAsync(["eth0"], new() { ["eth0"] = 1 }, connectivity: new ScriptedConnectivity(RegistryAccepts: false));

        Assert.Equal("eth0", run.Outcome.Nic);
        Assert.True(run.Status.InternetOk);
        Assert.Equal("registry at 198.51.100.9:8480 refuses connections; the route out works", run.Status.RegistryError);
        Assert.DoesNotContain("ip link set eth0 nomaster", run.Links.Commands);
        Assert.DoesNotContain("releasing", run.Console, StringComparison.Ordinal);
        // The route out was proven by the Internet target alone; the registry was asked separately, after.
        var checks = run.Connectivity.Checks.ToList();
        Assert.Equal([[s_internet], [s_registry]], checks);
    }

    [Fact]
    public async Task RunAsync_RegistryAccepts_NoRegistryError()
    {
        var run = await RunAsync(["eth0"], new() { ["eth0"] = 1 });

        Assert.Null(run.Status.RegistryError);
        Assert.Contains("registry at 198.51.100.9:8480 accepts connections", run.Console, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_PrivateVlan_EveryProbeRunsOnTheVlanLink()
    {
        var run = await RunAsync(["eth0"], new() { ["eth0"] = 1 }, privateVlan: 100);

        var (_, settings, _) = Assert.Single(run.Prober.Probes);
        Assert.Equal((ushort)100, settings.Vlan);
        Assert.Equal("eth0.100", settings.ProbeLink("eth0"));
    }

    [Theory]
    [InlineData("eth0", (ushort)100, "eth0.100")]
    [InlineData("enp129s0f1np1", (ushort)4094, "enp129s0f1.4094")]
    [InlineData("enp1s0", (ushort)7, "enp1s0.7")]
    public void VlanLinkName_FitsIfnamsiz(string nic, ushort vid, string expected)
    {
        Assert.Equal(expected, NicProbeSettings.VlanLinkName(nic, vid));
        Assert.True(expected.Length <= 15);
    }

    [Fact]
    public void ProbeLink_NoVlan_IsTheNicItself() =>
        Assert.Equal("eth0", new NicProbeSettings(TimeSpan.FromSeconds(1), 1, TimeSpan.FromSeconds(1), null).ProbeLink("eth0"));

    [Theory]
    [InlineData(true, true, null)]
    [InlineData(true, false, "registry at 198.51.100.9:8480 refuses connections; the route out works")]
    [InlineData(false, false, "registry at 198.51.100.9:8480 does not answer (198.51.100.9:8480: timeout); the route out works")]
    public void RegistryReachability_InTheRegistrysOwnWords(bool answered, bool accepted, string? expected)
    {
        var check = answered ? new ConnectivityResult(true, true, false, null) { Accepted = accepted } : ConnectivityResult.Failed("198.51.100.9:8480: timeout");
        Assert.Equal(expected, RegistryReachability.Describe(s_registry, check));
    }

    [Fact]
    public void RegistryReachability_RefusedRequest_SaysRefusesConnections()
    {
        var refused = new HttpRequestException("Connection refused (198.51.100.9:8480)", new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionRefused));
        Assert.Equal("registry at 198.51.100.9:8480 refuses connections; the route out works",
            RegistryReachability.DescribeFailure(new Uri("http://198.51.100.9:8480/"), refused));
        Assert.Equal("registry at 198.51.100.9:8480: boom", RegistryReachability.DescribeFailure(new Uri("http://198.51.100.9:8480/"), new HttpRequestException("boom")));
    }

    /// <summary>The Internet targets always answer; the registry accepts or refuses as told. Records every check's targets.</summary>
    internal sealed class ScriptedConnectivity(bool RegistryAccepts) : IConnectivityProbe
    {
        public ConcurrentQueue<IReadOnlyList<ConnectivityTarget>> Checks { get; } = new();

        public Task<ConnectivityResult> CheckAsync(IReadOnlyList<ConnectivityTarget> targets, TimeSpan timeout, CancellationToken ct)
        {
            Checks.Enqueue([.. targets]);
            var accepted = !targets.Contains(s_registry) || RegistryAccepts;
            return Task.FromResult(new ConnectivityResult(true, true, false, null) { Accepted = accepted, Answer = accepted ? "accepted" : "refused (TCP reset)" });
        }
    }

    private sealed class NoLeaseClient : ILeaseClient
    {
        public IAsyncDisposable Start(string link, Action<LeaseEvent> onEvent) => new Handle();

        private sealed class Handle : IAsyncDisposable
        {
            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }
}
