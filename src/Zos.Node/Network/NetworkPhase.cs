using System.Net;
using System.Text.Json;
using System.Threading.Channels;
using Zos.Client;
using Zos.Core.Contracts;
using Zos.Core.Public;
using Zos.Core.Reconcile;
using Zos.Linux.Netlink;
using Zos.Node.Bringup;

namespace Zos.Node.Network;

/// <summary>
/// The network manager as an online phase (it needs the registry, so it starts after registration): once the node is registered it long-polls its desired state,
/// runs a <see cref="NetworkManager"/> pass on every new version, on link and zos address events (debounced) and
/// periodically, and reports keys, ports, endpoint candidates, handshakes and errors back. Nothing here stops the
/// daemon: a failed pass, poll or report is logged, written to <c>network-status.json</c> and retried with backoff.
/// </summary>
public sealed class NetworkPhase(NetworkPhaseSettings settings) : IOnlinePhase
{
    private readonly Channel<bool> _trigger = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly Random _random = new();
    private DesiredState? _latest;
    private NetworkStatus _status = new();
    private NodeReport? _lastReport;
    private string? _lastSent;
    private DateTimeOffset _lastSentAt;

    public string Name => "network";

    public async Task RunAsync(OnlineContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        var setup = context.Setup;
        var registry = setup.Registry;
        if (setup.Identity is not { } identity)
        {
            context.Status.Say("network manager: no identity, so no desired state to apply");
            return;
        }
        while (!context.Status.Current.Registered)
            await Task.Delay(TimeSpan.FromMilliseconds(250), ct);

        var stateDir = setup.Options.StateDirectory;
        var statusFile = new NetworkStatusFile(Path.Combine(stateDir, NetworkStatusFile.FileName));
        var signer = new RequestSigner(identity, TimeProvider.System);
        // The long-poll has its own deadline (wait + margin) in the client; other calls get a plain timeout.
        using var pollHttp = new HttpClient { BaseAddress = registry, Timeout = Timeout.InfiniteTimeSpan };
        using var http = new HttpClient { BaseAddress = registry, Timeout = TimeSpan.FromSeconds(15) };
        var pollClient = new RegistryClient(pollHttp, signer);
        var client = new RegistryClient(http, signer);
        var kernelOptions = new NetworkKernelOptions
        {
            WireGuardRuntimeDirectory = Path.Combine(stateDir, NetworkManagerFiles.WireGuardDirectoryName),
        };
        await using var kernel = new NetworkKernel(kernelOptions);
        var manager = new NetworkManager(new NodeStateStore(Path.Combine(stateDir, NetworkManagerFiles.StateFileName)), kernel, [], CrashPoint.FromEnvironment());
        var publicApplier = PublicConfigApplier.ForNode(context, identity.Id, kernelOptions);
        await ApplyHostFirewallAsync(kernel, context.Status, ct);

        using var watch = context.Platform.Links.WatchAddresses(ZosSetupObserver.Bridge, Trigger);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var poll = PollAsync(pollClient, identity.Id, context.Status, stop.Token);
        var events = WatchLinksAsync(context.Status, stop.Token);
        try
        {
            await ReconcileLoopAsync(manager, publicApplier, client, identity.Id, context.Status, statusFile, ct);
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(Quietly(poll), Quietly(events));
        }
    }

    private void Trigger() => _trigger.Writer.TryWrite(true);

    /// <summary>
    /// The node listens on nothing from the moment it is online, not only once a network exists: the host firewall goes
    /// on before the first desired state is read. A failure is reported and every pass applies it again.
    /// </summary>
    private static async Task ApplyHostFirewallAsync(NetworkKernel kernel, StatusReporter status, CancellationToken ct)
    {
        try
        {
            await kernel.EnsureHostFirewallAsync(new Dictionary<string, DesiredResource>(StringComparer.Ordinal), ct);
            status.Say("network manager: host firewall on (only replies, ICMP echo, DHCP and neighbour discovery get in)");
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            status.Say($"network manager: host firewall not applied yet: {e.Message}");
        }
    }

    private async Task PollAsync(RegistryClient client, string nodeId, StatusReporter status, CancellationToken ct)
    {
        var failures = 0;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var answer = await client.GetDesiredStateAsync(nodeId, Volatile.Read(ref _latest)?.Version, settings.LongPollWait, ct);
                failures = 0;
                if (answer.Changed && answer.State is { } state)
                {
                    Volatile.Write(ref _latest, state);
                    status.Say($"network manager: desired state version {state.Version} ({state.Networks.Count} network(s))");
                    Trigger();
                }
            }
            catch (Exception e) when (e is HttpRequestException or RegistryException or InvalidDataException or JsonException
                                          || (e is OperationCanceledException && !ct.IsCancellationRequested))
            {
                failures++;
                var delay = settings.Backoff.Delay(failures, _random);
                status.Say($"network manager: desired state poll failed ({e.Message}); retrying in {delay.TotalSeconds:0.0} s");
                await Task.Delay(delay, ct);
            }
        }
    }

    /// <summary>Link changes in the host namespace (a bridge or uplink removed behind our back) start a pass.</summary>
    private async Task WatchLinksAsync(StatusReporter status, CancellationToken ct)
    {
        try
        {
            using var events = RouteNetlinkEvents.Open(RouteNetlinkGroups.Links);
            await foreach (var e in events.ReadAllAsync(ct))
            {
                if (e.Kind is RouteNetlinkEventKind.LinkRemoved or RouteNetlinkEventKind.Overrun)
                    Trigger();
            }
        }
        catch (Exception e) when (e is NetlinkException or IOException or System.Net.Sockets.SocketException)
        {
            // Without events the periodic pass still repairs drift, only later.
            status.Say($"network manager: no link events ({e.Message}); relying on the periodic pass");
        }
    }

    private async Task ReconcileLoopAsync(NetworkManager manager, PublicConfigApplier publicApplier, RegistryClient client, string nodeId, StatusReporter status, NetworkStatusFile statusFile, CancellationToken ct)
    {
        var nextPeriodic = DateTimeOffset.UtcNow + settings.PeriodicPass;
        TimeSpan? retryIn = null;
        while (!ct.IsCancellationRequested)
        {
            var wait = retryIn ?? (nextPeriodic - DateTimeOffset.UtcNow);
            if (wait > TimeSpan.Zero)
            {
                using var timer = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timer.CancelAfter(wait);
                try
                {
                    await _trigger.Reader.ReadAsync(timer.Token);
                    await Task.Delay(settings.Debounce, ct);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    // Periodic pass or retry due.
                }
            }
            _trigger.Reader.TryRead(out _);
            retryIn = null;
            nextPeriodic = DateTimeOffset.UtcNow + settings.PeriodicPass;
            if (Volatile.Read(ref _latest) is not { } desired)
                continue;

            var passOk = await PassAsync(manager, publicApplier, desired, status, ct) is { } outcome && outcome.Errors.Count == 0;
            var reportOk = _lastReport is { } r && await ReportAsync(client, nodeId, r, status, ct);
            _status = _status with { ConsecutiveFailures = passOk && reportOk ? 0 : _status.ConsecutiveFailures + 1 };
            statusFile.Write(_status, status.Say);
            if (!passOk || !reportOk)
                retryIn = settings.Backoff.Delay(_status.ConsecutiveFailures, _random);
        }
    }

    /// <summary>One pass; returns the errors it met (empty when clean), or null when it could not run at all.</summary>
    private async Task<PassOutcome?> PassAsync(NetworkManager manager, PublicConfigApplier publicApplier, DesiredState desired, StatusReporter status, CancellationToken ct)
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
            var hosts = pub.Applied is { } applied ? EndpointCandidates.From(applied, []) : EndpointCandidates.From(null, ZosAddresses());
            var result = await manager.ReconcileAsync(desired, hosts, ct);
            var errors = (result.Report.Errors ?? []).Concat(result.Report.Networks.SelectMany(n => n.Errors.Select(e => $"{n.NetId}: {e}"))).ToList();
            _lastReport = result.Report with
            {
                Errors = pub.Error is null ? result.Report.Errors : [pub.Error, .. result.Report.Errors ?? []],
                Public = pub.Uplink is { } u ? new NodePublicReport(u.Kind, u.Nic, u.Reason, pub.Applied, pub.Error) : null,
            };
            _status = _status with
            {
                AppliedVersion = desired.Version,
                LastPassAt = DateTimeOffset.UtcNow,
                LastPassOperations = result.Operations.Count,
                Passes = _status.Passes + 1,
                Errors = pub.Error is null ? errors : [pub.Error, .. errors],
                EndpointHosts = hosts,
                PublicUplink = pub.Uplink,
                PublicConfig = pub.Applied,
                PublicError = pub.Error,
            };
            if (result.Operations.Count > 0 || errors.Count > 0)
                status.Say($"network manager: version {desired.Version}: {result.Operations.Count} operation(s), {errors.Count} error(s){(errors.Count == 0 ? "" : ": " + string.Join("; ", errors))}");
            return new PassOutcome(errors);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A pass that cannot even read its state (damaged state file, netlink refused) is retried, never fatal.
            _status = _status with { LastPassAt = DateTimeOffset.UtcNow, Passes = _status.Passes + 1, Errors = [e.Message] };
            status.Say($"network manager: pass failed: {e.Message}");
            return null;
        }
    }

    /// <summary>
    /// Sends the report when it differs from the last one accepted, or when the periodic interval has passed (fresh
    /// handshakes); true when the registry holds the current report.
    /// </summary>
    private async Task<bool> ReportAsync(RegistryClient client, string nodeId, NodeReport report, StatusReporter status, CancellationToken ct)
    {
        var text = JsonSerializer.Serialize(report, ContractJson.TypeInfo<NodeReport>());
        if (text == _lastSent && DateTimeOffset.UtcNow - _lastSentAt < settings.PeriodicPass)
            return true;
        try
        {
            await client.ReportAsync(nodeId, report, ct);
            _lastSent = text;
            _lastSentAt = DateTimeOffset.UtcNow;
            _status = _status with { ReportedVersion = report.AppliedVersion, RegistryError = null };
            return true;
        }
        catch (Exception e) when (e is HttpRequestException or RegistryException or InvalidDataException or JsonException
                                      || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            _status = _status with { RegistryError = $"report: {e.Message}" };
            status.Say($"network manager: report refused or lost: {e.Message}");
            return false;
        }
    }

    private static IReadOnlyList<IPAddress> ZosAddresses()
    {
        try
        {
            using var nl = RouteNetlink.Open();
            return nl.FindLink(ZosSetupObserver.Bridge) is null ? [] : [.. nl.GetAddresses(ZosSetupObserver.Bridge).Select(a => a.Address)];
        }
        catch (NetlinkException)
        {
            return [];
        }
    }

    private static async Task Quietly(Task task)
    {
        try
        {
            await task;
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private sealed record PassOutcome(IReadOnlyList<string> Errors);
}
