using Zos.Client;
using Zos.Core.Bringup;
using Zos.Core.Contracts;
using Zos.Core.Public;
using Zos.Node.Network;

namespace Zos.Node.Tests.Network;

/// <summary>
/// A <see cref="ReconcileLoop"/> composed as the daemon composes it, over a <see cref="FakeNetworkKernel"/>, a fake
/// public namespace, a recording registry and fake time: no root, no network, no waiting on the wall clock. Each
/// step returns the due time of the wait the loop armed after its pass (the periodic pass or a retry).
/// </summary>
internal sealed class LoopUnderTest : IAsyncDisposable
{
    /// <summary>Backoff without jitter: the first retry comes exactly 1 s after a failure.</summary>
    public static readonly NetworkManagerSettings Settings = new(
        TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(300), new BackoffPolicy(TimeSpan.FromSeconds(1), 2, TimeSpan.FromSeconds(8), 0));

    private readonly string _dir = Directory.CreateTempSubdirectory("zos-loop-").FullName;
    private readonly HttpClient _http;
    private readonly CancellationTokenSource _stop = new();
    private Task? _run;

    public LoopUnderTest()
    {
        _http = new HttpClient(Registry) { BaseAddress = new Uri("http://198.51.100.7:8480/") };
        StatusFile = new NetworkStatusFile(Path.Combine(_dir, NetworkStatusFile.FileName));
        Loop = new ReconcileLoop(
            new ReconcilePass(new NodeStateStore(Path.Combine(_dir, NetworkManagerFiles.StateFileName)), Kernel, []),
            new PublicConfigApplier(new FakePublicNamespace(), new AppliedPublicConfigStore(Path.Combine(_dir, AppliedPublicConfigStore.FileName)),
                _ => Task.FromResult(PublicUplinkChoice.SingleNic("test: one NIC")), Time),
            Kernel,
            new NetworkReportSender(new RegistryClient(_http), "node", Settings.PeriodicPass, Time),
            StatusFile,
            new StatusReporter(Path.Combine(_dir, "status.json"), Console, Time),
            Settings,
            Time,
            new Random(1));
    }

    public TimerWatchingTimeProvider Time { get; } = new();

    /// <summary>What the loop said on the daemon's console.</summary>
    public StringWriter Console { get; } = new();

    public FakeNetworkKernel Kernel { get; } = new();

    public RecordingReportHandler Registry { get; } = new();

    public NetworkStatusFile StatusFile { get; }

    public ReconcileLoop Loop { get; }

    /// <summary>Starts the loop with <paramref name="desired"/> and lets the first pass run.</summary>
    public async Task<TimeSpan> FirstPassAsync(DesiredState desired)
    {
        Loop.Offer(desired);
        _run = Loop.RunAsync(_stop.Token);
        // The periodic wait, which the waiting trigger ends at once.
        await Time.NextTimerAsync("the loop starting");
        return await DebouncedPassAsync();
    }

    /// <summary>After a trigger: through the debounce, then the pass.</summary>
    public async Task<TimeSpan> DebouncedPassAsync()
    {
        await Time.AdvanceToNextTimerAsync(Settings.Debounce, "the debounce after a trigger");
        return await Time.NextTimerAsync("the pass after the debounce");
    }

    /// <summary>A link event or address change: one pass.</summary>
    public Task<TimeSpan> TriggeredPassAsync()
    {
        Loop.Trigger();
        return DebouncedPassAsync();
    }

    /// <summary>Lets the wait armed after the last pass (due in <paramref name="due"/>) run out: one pass.</summary>
    public async Task<TimeSpan> TimedPassAsync(TimeSpan due)
    {
        Time.Advance(due);
        return await Time.NextTimerAsync("the pass after the wait");
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_run is not null)
        {
            try
            {
                await _run;
            }
            catch (OperationCanceledException)
            {
                // Stopped.
            }
        }
        _stop.Dispose();
        _http.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}
