using Xunit;
using Zos.Core.Bringup;
using Zos.Core.Contracts;
using Zos.Node.Bringup;
using Zos.Node.Tests.Bringup;

namespace Zos.Node.Tests.Setup;

/// <summary>
/// Issue 14, "the node firewall goes on only after registration (and only with zos-registry=)": the daemon puts the
/// host firewall on before bring-up's first DHCP probe, with no registry on the command line and none reachable.
/// A fake prober records whether the firewall was on when it was asked to probe.
/// </summary>
public sealed class DaemonFirewallOrderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("zos-fworder-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("farmer_id=12\n")]
    [InlineData("farmer_id=12 zos-registry=http://198.51.100.7:8480\n")]
    [InlineData("\n")]
    public async Task Run_FirstDhcpProbe_FindsTheHostFirewallAlreadyOn(string cmdline)
    {
        var firewall = new RecordingFirewall();
        var prober = new OrderRecordingProber(firewall);
        var console = new StringWriter();

        await RunUntilFirstProbeAsync(cmdline, firewall, prober, console);

        Assert.True(prober.FirewallOnAtFirstProbe, "the first DHCP probe started before the host firewall was applied");
        Assert.Equal(1, firewall.Applied);
        Assert.Contains("host firewall on before bring-up", console.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_FirewallFails_SaidAndBringupGoesOn()
    {
        var firewall = new RecordingFirewall { Failure = "nft: command not found" };
        var prober = new OrderRecordingProber(firewall);
        var console = new StringWriter();

        await RunUntilFirstProbeAsync("farmer_id=12\n", firewall, prober, console);

        Assert.Contains("problem: host firewall not applied before bring-up: nft: command not found", console.ToString(), StringComparison.Ordinal);
        Assert.False(prober.FirewallOnAtFirstProbe);
    }

    [Fact]
    public async Task Run_RegistryKeyOnTheCommandLine_SaidAtStart()
    {
        var key = Convert.ToBase64String(new byte[32].Select((_, i) => (byte)(i + 1)).ToArray());
        var firewall = new RecordingFirewall();
        var console = new StringWriter();

        await RunUntilFirstProbeAsync($"farmer_id=12 {ResponseSigning.CommandLineKey}={key}\n", firewall, new OrderRecordingProber(firewall), console);

        Assert.Contains($"registry key {key} (zos-registry-key= on the command line)", console.ToString(), StringComparison.Ordinal);
    }

    private async Task RunUntilFirstProbeAsync(string cmdline, RecordingFirewall firewall, OrderRecordingProber prober, StringWriter console)
    {
        var cmdlineFile = Path.Combine(_dir, "cmdline");
        await File.WriteAllTextAsync(cmdlineFile, cmdline, TestContext.Current.CancellationToken);
        var options = new NodeRunOptions(cmdlineFile, null, Path.Combine(_dir, "state"));
        var links = new RecordingLinkControl();
        links.Links.Add(new HostLink("eth0", 2, "device", Core.Primitives.MacAddress.Parse("02:00:00:00:01:01"), null, false, false));
        var daemon = new NodeDaemon(options, (_, _) => new NodePlatform(links, prober, new NoLeaseClient(), new Offline()) { HostFirewall = firewall },
            console, TimeProvider.System);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(TimeSpan.FromSeconds(30));
        _ = prober.FirstProbe.Task.ContinueWith(_ => cts.Cancel(), TaskScheduler.Default);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => daemon.RunAsync(cts.Token));
        Assert.True(prober.FirstProbe.Task.IsCompleted, "the daemon never probed a NIC");
    }

    private sealed class RecordingFirewall : IHostFirewall
    {
        private int _applied;

        public string? Failure { get; init; }

        public int Applied => Volatile.Read(ref _applied);

        public Task ApplyAsync(CancellationToken ct)
        {
            if (Failure is { } f)
                throw new InvalidOperationException(f);
            Interlocked.Increment(ref _applied);
            return Task.CompletedTask;
        }
    }

    /// <summary>Records whether the firewall was on at the first probe, then stays silent until cancelled.</summary>
    private sealed class OrderRecordingProber(RecordingFirewall firewall) : INicProber
    {
        public TaskCompletionSource FirstProbe { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool FirewallOnAtFirstProbe { get; private set; }

        public async Task<NicProbeResult> ProbeAsync(HostLink nic, NicProbeSettings settings, NicProbeProgress progress, CancellationToken ct)
        {
            if (!FirstProbe.Task.IsCompleted)
            {
                FirewallOnAtFirstProbe = firewall.Applied > 0;
                FirstProbe.TrySetResult();
            }
            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            throw new OperationCanceledException(ct);
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

    private sealed class Offline : IConnectivityProbe
    {
        public Task<ConnectivityResult> CheckAsync(IReadOnlyList<ConnectivityTarget> targets, TimeSpan timeout, CancellationToken ct) =>
            Task.FromResult(new ConnectivityResult(false, false, false, "offline"));
    }
}
