using System.Threading.Channels;
using Zos.Core.Contracts;
using Zos.Core.Public;
using Zos.Core.Reconcile;

namespace Zos.Node.Network;

/// <summary>
/// The network manager's loop: a pass (public namespace first, then the network resources) on every new desired
/// state, on triggers (link and zos address events, debounced into one pass) and periodically, each followed by the
/// report. A failed pass or report is retried with backoff; nothing here stops the daemon. After each pass the
/// status goes to <c>network-status.json</c>. All waiting is on <paramref name="time"/>.
/// </summary>
public sealed class ReconcileLoop(
    ReconcilePass pass,
    PublicConfigApplier publicApplier,
    INetworkKernel kernel,
    NetworkReportSender reports,
    NetworkStatusFile statusFile,
    StatusReporter status,
    NetworkManagerSettings settings,
    TimeProvider time,
    Random random)
{
    private readonly Channel<bool> _trigger = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private DesiredState? _latest;
    private NetworkStatus _status = new();
    private NodeReport? _lastReport;

    /// <summary>What the last pass and report left (as written to the status file).</summary>
    public NetworkStatus Status => Volatile.Read(ref _status);

    /// <summary>Takes a new desired state and asks for a pass.</summary>
    public void Offer(DesiredState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        Volatile.Write(ref _latest, state);
        Trigger();
    }

    /// <summary>Asks for a pass (triggers within the debounce time are one pass).</summary>
    public void Trigger() => _trigger.Writer.TryWrite(true);

    public async Task RunAsync(CancellationToken ct)
    {
        var nextPeriodic = time.GetUtcNow() + settings.PeriodicPass;
        TimeSpan? retryIn = null;
        while (!ct.IsCancellationRequested)
        {
            var wait = retryIn ?? (nextPeriodic - time.GetUtcNow());
            if (wait > TimeSpan.Zero)
                await WaitForTriggerAsync(wait, ct);
            _trigger.Reader.TryRead(out _);
            retryIn = null;
            nextPeriodic = time.GetUtcNow() + settings.PeriodicPass;
            if (Volatile.Read(ref _latest) is not { } desired)
                continue;

            var passOk = await PassAsync(desired, ct) is { } outcome && outcome.Errors.Count == 0;
            var reportOk = _lastReport is { } r && await ReportAsync(r, ct);
            var failures = passOk && reportOk ? 0 : _status.ConsecutiveFailures + 1;
            Volatile.Write(ref _status, _status with { ConsecutiveFailures = failures });
            statusFile.Write(_status, status.Say);
            if (!passOk || !reportOk)
                retryIn = settings.Backoff.Delay(failures, random);
        }
    }

    /// <summary>Returns on a trigger (after the debounce time) or when <paramref name="wait"/> is over.</summary>
    private async Task WaitForTriggerAsync(TimeSpan wait, CancellationToken ct)
    {
        using var timer = new CancellationTokenSource(wait, time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(ct, timer.Token);
        try
        {
            await _trigger.Reader.ReadAsync(either.Token);
            await Task.Delay(settings.Debounce, time, ct);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // Periodic pass or retry due.
        }
    }

    /// <summary>One pass; returns the errors it met (empty when clean), or null when it could not run at all.</summary>
    private async Task<PassOutcome?> PassAsync(DesiredState desired, CancellationToken ct)
    {
        try
        {
            // The public namespace first: the reconcile then creates WireGuard devices in the underlay it leaves.
            var pub = await publicApplier.EnsureAsync(desired.PublicConfig, ct);
            if (pub.Error is not null && pub.Error != _status.PublicError)
                status.Say($"network manager: {pub.Error}");
            else if (pub.Action is PublicConfigActionKind.Apply or PublicConfigActionKind.Remove && pub.Error is null)
                status.Say($"network manager: public namespace {(pub.Applied is null ? "removed" : $"holds {string.Join(", ", PublicSetup.From(pub.Applied, PublicConfigApplier.Rules).Addresses)}")} (uplink: {pub.Uplink?.Reason})");
            // With a public namespace the sockets listen there only: zos addresses would be endpoints nothing answers on.
            var hosts = pub.Applied is { } applied ? EndpointCandidates.From(applied, []) : EndpointCandidates.From(null, kernel.UplinkAddresses());
            var result = await pass.ReconcileAsync(desired, hosts, ct);
            var errors = (result.Report.Errors ?? []).Concat(result.Report.Networks.SelectMany(n => n.Errors.Select(e => $"{n.NetId}: {e}"))).ToList();
            _lastReport = result.Report with
            {
                Errors = pub.Error is null ? result.Report.Errors : [pub.Error, .. result.Report.Errors ?? []],
                Public = pub.Uplink is { } u ? new NodePublicReport(u.Kind, u.Nic, u.Reason, pub.Applied, pub.Error) : null,
            };
            var wireGuard = result.Report.Networks.Where(n => n.WireGuard is not null).ToDictionary(n => n.NetId, n => n.WireGuard!, StringComparer.Ordinal);
            foreach (var (netId, implementation) in wireGuard)
            {
                if (_status.WireGuard.GetValueOrDefault(netId) != implementation)
                {
                    status.Say(implementation == WireGuardImplementations.Kernel
                        ? $"network manager: {netId}: WireGuard on the kernel module"
                        : $"network manager: {netId}: WireGuard on wireguard-go (the kernel has no wireguard module)");
                }
            }
            Volatile.Write(ref _status, _status with
            {
                AppliedVersion = desired.Version,
                LastPassAt = time.GetUtcNow(),
                LastPassOperations = result.Operations.Count,
                Passes = _status.Passes + 1,
                Errors = pub.Error is null ? errors : [pub.Error, .. errors],
                EndpointHosts = hosts,
                WireGuard = wireGuard,
                PublicUplink = pub.Uplink,
                PublicConfig = pub.Applied,
                PublicError = pub.Error,
            });
            if (result.Operations.Count > 0 || errors.Count > 0)
                status.Say($"network manager: version {desired.Version}: {result.Operations.Count} operation(s), {errors.Count} error(s){(errors.Count == 0 ? "" : ": " + string.Join("; ", errors))}");
            return new PassOutcome(errors);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A pass that cannot even read its state (damaged state file, netlink refused) is retried, never fatal.
            Volatile.Write(ref _status, _status with { LastPassAt = time.GetUtcNow(), Passes = _status.Passes + 1, Errors = [e.Message] });
            status.Say($"network manager: pass failed: {e.Message}");
            return null;
        }
    }

    /// <summary>Sends the report unless the registry holds it already; true when it does.</summary>
    private async Task<bool> ReportAsync(NodeReport report, CancellationToken ct)
    {
        var delivery = await reports.SendAsync(report, ct);
        if (delivery.Sent)
            Volatile.Write(ref _status, _status with { ReportedVersion = report.AppliedVersion, RegistryError = null });
        if (delivery.Error is { } error)
        {
            Volatile.Write(ref _status, _status with { RegistryError = $"report: {error}" });
            status.Say($"network manager: report refused or lost: {error}");
        }
        return delivery.Held;
    }

    private sealed record PassOutcome(IReadOnlyList<string> Errors);
}
