using Xunit;
using Zos.Core.Bringup;
using Zos.Core.Primitives;
using Zos.Node.Bringup;

namespace Zos.Node.Tests.Bringup;

/// <summary>The early choice and the lease hand-over of <see cref="BringupRunner"/>, with scripted probes (no kernel).</summary>
public sealed class BringupRunnerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("zos-runner-").FullName;

    private static MacAddress Mac(int n) => MacAddress.Parse($"02:00:00:00:01:{n:x2}");

    private async Task<(BringupOutcome Outcome, BringupStatus Status, RecordingLinkControl Links, ScriptedProber Prober)> RunAsync(
        (string Nic, NicScript Script)[] nics, MacAddress? pinned = null)
    {
        var links = new RecordingLinkControl();
        for (var i = 0; i < nics.Length; i++)
            links.Links.Add(new HostLink(nics[i].Nic, i + 2, "veth", Mac(i), null, false, false));
        var prober = new ScriptedProber(nics.ToDictionary(n => n.Nic, n => n.Script));
        var status = new StatusReporter(Path.Combine(_dir, "status.json"), TextWriter.Null, TimeProvider.System);
        var settings = new BringupSettings(
            new HashSet<string> { "veth" }, [new ConnectivityTarget("198.51.100.1", 80)], TimeSpan.FromSeconds(1),
            ProbeSchedule.Default, TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(2),
            BackoffPolicy.Default, null, null, pinned);
        var runner = new BringupRunner(links, prober, new SilentLeaseClient(), new AlwaysOnline(), status, settings, TimeProvider.System, new Random(1));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var outcome = await runner.RunAsync(timeout.Token);
        return (outcome, status.Current, links, prober);
    }

    [Fact]
    public async Task RunAsync_FirstNicLeases_ChosenAtOnceLaterNicsNotProbed()
    {
        var (outcome, status, links, prober) = await RunAsync([("eth0", NicScript.Leases), ("eth1", NicScript.SlowSetup), ("eth2", NicScript.Silent)]);

        Assert.Equal("eth0", outcome.Nic);
        var why = status.Nics.ToDictionary(r => r.Nic, r => r.WhyNot);
        Assert.Null(why["eth0"]);
        // eth1 was still setting up and eth2 waited for its turn: neither is probed, nothing waits for them.
        Assert.Equal("not probed: another NIC was chosen first", why["eth1"]);
        Assert.Equal("not probed: another NIC was chosen first", why["eth2"]);
        Assert.DoesNotContain("eth2", prober.Started);
        Assert.True(status.InternetOk);
        Assert.Contains("ip link set eth0 master zos", links.Commands);
    }

    [Fact]
    public async Task RunAsync_ProbeLease_HandedOverToZosBeforeTheClientAnswers()
    {
        var (outcome, _, links, _) = await RunAsync([("eth0", NicScript.Leases)]);

        // The lease client of this test never reports anything: the address can only come from the probe.
        Assert.Equal("10.61.0.100", outcome.Lease.Lease!.Address.ToString());
        Assert.Contains(links.Commands, c => c.StartsWith("ip addr replace 10.61.0.100/24 dev zos", StringComparison.Ordinal));
        Assert.Contains("ip route replace default via 10.61.0.1 dev zos", links.Commands);
    }

    [Fact]
    public async Task RunAsync_SilentNicWithDhcpRunning_CutShortAfterTheAllowance()
    {
        var (outcome, status, _, _) = await RunAsync([("eth0", NicScript.Silent), ("eth1", NicScript.Leases)]);

        Assert.Equal("eth1", outcome.Nic);
        Assert.Equal("no answer yet when another NIC was chosen", status.Nics.Single(r => r.Nic == "eth0").WhyNot);
    }

    [Fact]
    public async Task RunAsync_PinnedNicSlower_NotCutShortByAnotherLease()
    {
        var (outcome, status, _, _) = await RunAsync([("eth0", NicScript.Leases), ("eth1", NicScript.LeasesSlowly)], pinned: Mac(1));

        Assert.Equal("eth1", outcome.Nic);
        Assert.Equal($"management NIC pinned to {Mac(1)}", status.Nics.Single(r => r.Nic == "eth0").WhyNot);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private sealed class SilentLeaseClient : ILeaseClient
    {
        public IAsyncDisposable Start(string link, Action<LeaseEvent> onEvent) => new Handle();

        private sealed class Handle : IAsyncDisposable
        {
            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }

    private sealed class AlwaysOnline : IConnectivityProbe
    {
        public Task<ConnectivityResult> CheckAsync(IReadOnlyList<ConnectivityTarget> targets, TimeSpan timeout, CancellationToken ct) =>
            Task.FromResult(new ConnectivityResult(true, true, false, null));
    }
}
