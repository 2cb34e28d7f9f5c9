using System.Net.Sockets;
using Zos.Core.Bringup;

namespace Zos.Node.Bringup;

/// <summary>
/// The node's first phase: from whatever the kernel shows to a NIC behind zos with a lease and a route out, retrying
/// forever with capped backoff (zos-networking.md §1, improved per §8.1-8.5). Each attempt probes all free NICs at
/// once with the waits of its round (<see cref="ProbeSchedule"/>: longer after each failed round; the prober never takes
/// a NIC's link down), chooses, attaches, waits for the lease and proves the route out against Internet targets that
/// are not the registry (any answer, a TCP reset included, proves it). The registry is then checked only to say how
/// it stands: a registry that refuses connections is the registry's problem, never a reason to give up a NIC. The
/// per-NIC table, with what each NIC was waited for, goes to the console and the status file every time.
/// </summary>
public sealed class BringupRunner(
    ILinkControl links,
    INicProber prober,
    ILeaseClient leaseClient,
    IConnectivityProbe connectivity,
    StatusReporter status,
    BringupSettings settings,
    TimeProvider time,
    Random random,
    INameServers? nameServers = null)
{
    private static readonly TimeSpan s_cleanupWait = TimeSpan.FromSeconds(5);

    /// <summary>The cut-short probes of the last round, still stopping udhcpc and moving their NICs back.</summary>
    private Task _probeCleanups = Task.CompletedTask;

    private bool IsPhysical(HostLink l) => settings.PhysicalKinds.Contains(l.Kind) && l.Name != ZosSetupObserver.Bridge && l.Name != "lo";

    public async Task<BringupOutcome> RunAsync(CancellationToken ct)
    {
        // NICs a killed daemon left in probe namespaces come back first, so they are seen below.
        prober.ReleaseParked();
        try
        {
            return await RunAttemptsAsync(ct);
        }
        finally
        {
            // Online, or stopping: no NIC stays in a probe namespace (a kill would destroy virtual ones there).
            prober.ReleaseParked();
        }
    }

    private async Task<BringupOutcome> RunAttemptsAsync(CancellationToken ct)
    {
        var plan = ZosSetupAssessor.Assess(ZosSetupObserver.Observe(links, IsPhysical), ZosVlanPlan.NeedsFiltering(settings.PrivateVlan, settings.PublicVlan));
        status.Say($"existing zos setup: {plan.Verdict} ({plan.Reason})");
        ApplyRepairs(plan);
        var nic = plan.KeptNic;
        var family = AddressFamilyChoice.Ipv4;
        var kept = plan.Verdict == ZosSetupVerdict.Healthy;
        LeaseTracker? tracker = null;
        IAsyncDisposable? client = null;
        DhcpLease? handOver = null;
        var failures = 0;
        var failuresOnNic = 0;
        var failedRounds = 0;
        for (var attempt = 1; ; attempt++)
        {
            ct.ThrowIfCancellationRequested();
            string? error;
            IReadOnlyList<NicStatusRow> rows;
            if (nic is null)
            {
                status.Update(s => s with { Phase = BringupPhase.Probing, Attempt = attempt, NextAttemptAt = null });
                var probeClock = System.Diagnostics.Stopwatch.StartNew();
                var round = settings.Schedule.Round(failedRounds + 1);
                var (probes, selection) = await ProbeAllAsync(round, ct);
                rows = NicStatusRow.From(probes, selection, round);
                status.Say($"probed {probes.Count} NIC(s) in {probeClock.ElapsedMilliseconds} ms ({round}): {selection.Chosen?.Name ?? "none usable"}");
                foreach (var row in rows.Where(r => r.Wait is not null))
                    status.Say($"  {row.Nic}: {row.Wait}");
                if (selection.Chosen is null)
                    failedRounds++;
                if (selection.Chosen is { } chosen)
                {
                    // The others kept up for the next round go back to the host now that one NIC carries the node.
                    prober.ReleaseParked();
                    status.Update(s => s with { Phase = BringupPhase.Configuring, Nics = rows, ChosenNic = chosen.Name, Family = selection.Family });
                    var attachClock = System.Diagnostics.Stopwatch.StartNew();
                    ZosBridgeBuilder.Attach(links, chosen.Name, chosen.Mac, settings.PrivateVlan, settings.PublicVlan);
                    status.Say($"{chosen.Name} attached to zos in {attachClock.ElapsedMilliseconds} ms");
                    nic = chosen.Name;
                    family = selection.Family!.Value;
                    kept = false;
                    failuresOnNic = 0;
                    handOver = chosen.Lease;
                }
                error = nic is null ? NicSelection.NothingUsable : null;
            }
            else
            {
                rows = KeptRows(nic);
                family = links.ListAddresses(ZosSetupObserver.Bridge).Any(a => a.Address.AddressFamily == AddressFamily.InterNetwork) || tracker?.Lease is not null
                    ? AddressFamilyChoice.Ipv4 : family;
                error = null;
            }

            if (nic is not null)
            {
                if (tracker is null)
                {
                    tracker = new LeaseTracker(links, ZosSetupObserver.Bridge, time, nameServers);
                    // The probe's lease is a real lease for this MAC, and zos carries the NIC's MAC: use it now instead
                    // of waiting for a second DHCP exchange; the client on zos then confirms or replaces it.
                    if (handOver is { HasRouter: true } probed)
                    {
                        tracker.OnEvent(new LeaseEvent(LeaseEventKind.Bound, probed));
                        status.Say($"zos takes over the probe's lease {probed} via {probed.Routers[0]}");
                    }
                    client = leaseClient.Start(ZosSetupObserver.Bridge, tracker.OnEvent);
                }
                handOver = null;
                status.Update(s => s with { Phase = BringupPhase.CheckingConnectivity, Attempt = attempt, Nics = rows, ChosenNic = nic, KeptExistingSetup = kept });
                var leaseClock = System.Diagnostics.Stopwatch.StartNew();
                await WaitForAddressAsync(family, tracker, ct);
                status.Say($"zos address wait {leaseClock.ElapsedMilliseconds} ms");
                var result = await connectivity.CheckAsync(settings.Targets, settings.ConnectTimeout, ct);
                status.Say($"route out {(result.Ok ? "OK: " + result.Answer : result.Error)} after {leaseClock.ElapsedMilliseconds} ms");
                // A route out over IPv6 alone does not reach a registry that has only an IPv4 address: such a NIC is not
                // done yet (its DHCP may come later, e.g. from a boot server that starts late), so it is tried again as
                // a route-out failure would be, instead of declaring the node online without a way to register.
                if (result.Ok && RegistryFamilyMissing(tracker.Lease is not null) is { } missing)
                    result = ConnectivityResult.Failed(missing);
                if (result.Ok)
                {
                    // Dead NICs cut short by the early choice move back while zos comes up; a daemon declared online
                    // must not leave NICs in throw-away namespaces (a kill would destroy virtual ones there).
                    await AwaitProbeCleanupsAsync();
                    var online = nic;
                    var zosAddresses = links.ListAddresses(ZosSetupObserver.Bridge).Select(a => a.ToString()).ToList();
                    status.Update(s => s with
                    {
                        Phase = BringupPhase.Online, Attempt = attempt, InternetOk = true, InternetOkAt = time.GetUtcNow(), LastError = null,
                        NextAttemptAt = null, ChosenNic = online, Family = family, Nics = rows, ZosAddresses = zosAddresses,
                    }, print: true);
                    await CheckRegistryAsync(ct);
                    return new BringupOutcome(online, family, tracker, client!, result);
                }
                var failedNic = nic;
                error = $"{ProbeFailure.NoRouteOut.ToText()} through {nic}: {result.Error}";
                rows = rows.Select(r => r.Nic == failedNic ? r with { WhyNot = $"{ProbeFailure.NoRouteOut.ToText()}: {result.Error}" } : r).ToList();
                if (++failuresOnNic >= settings.ReprobeAfterFailures || !HasCarrier(nic))
                {
                    status.Say($"releasing {nic} from zos to probe all NICs again");
                    await client!.DisposeAsync();
                    tracker = null;
                    client = null;
                    ZosBridgeBuilder.Detach(links, nic);
                    nic = null;
                    kept = false;
                }
            }

            var delay = settings.Backoff.Delay(++failures, random);
            var next = time.GetUtcNow() + delay;
            var failedRows = rows;
            status.Update(s => s with
            {
                Phase = BringupPhase.WaitingToRetry, Attempt = attempt, LastError = error, NextAttemptAt = next, Nics = failedRows, InternetOk = false,
            }, print: true);
            await Task.Delay(delay, time, ct);
        }
    }

    /// <summary>Why the registry cannot be reached over zos's addresses (an IPv4-literal registry and no IPv4 on zos), or null.</summary>
    private string? RegistryFamilyMissing(bool hasIpv4Lease)
    {
        if (hasIpv4Lease)
            return null;
        if (settings.Registry is not { } registry || !System.Net.IPAddress.TryParse(registry.Host, out var address)
            || address.AddressFamily != AddressFamily.InterNetwork)
            return null;
        return links.ListAddresses(ZosSetupObserver.Bridge).Any(a => a.Address.AddressFamily == AddressFamily.InterNetwork)
            ? null
            : $"no IPv4 address on zos yet, and the registry at {registry} has only an IPv4 address";
    }

    /// <summary>
    /// Says how the registry stands once the route out works, in the registry's own words ("refuses connections",
    /// "does not answer"): registration retries on its own, so nothing here gives up the NIC or waits.
    /// </summary>
    private async Task CheckRegistryAsync(CancellationToken ct)
    {
        if (settings.Registry is not { } registry)
            return;
        var check = await connectivity.CheckAsync([registry], settings.ConnectTimeout, ct);
        var problem = RegistryReachability.Describe(registry, check);
        status.Update(s => s with { RegistryError = problem });
        status.Say(problem ?? $"registry at {registry} accepts connections");
    }

    private async Task<(IReadOnlyList<NicProbeResult>, NicSelection)> ProbeAllAsync(ProbeRound round, CancellationToken ct)
    {
        // The previous round's cut-short probes must have moved their NICs back before they are listed again.
        await AwaitProbeCleanupsAsync();
        var parked = prober.Parked;
        var free = links.ListLinks().Where(l => IsPhysical(l) && l.MasterIndex is null && parked.All(p => p.Name != l.Name))
            .Concat(parked).OrderBy(l => l.Name, StringComparer.Ordinal).ToList();
        var probeSettings = settings.ProbeFor(round);
        var roundStart = time.GetUtcNow();
        var firstLease = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var progress = free.Select(l => new NicProbeProgress(l.Name, time)).ToList();
        for (var i = 0; i < free.Count; i++)
        {
            // Only a private gateway can end the wait early: a public one may still lose to a slower private one. With a
            // pinned management NIC only that NIC can: another NIC's lease must not cut the pinned one short.
            var eligible = settings.PinnedMac is not { } pin || free[i].Mac == pin;
            progress[i].Changed += changed =>
            {
                if (eligible && changed.Lease is { HasPrivateRouter: true })
                    firstLease.TrySetResult();
            };
        }
        var late = CancellationTokenSource.CreateLinkedTokenSource(ct);
        // Setups run one after the other in name order (each starts when the previous NIC's namespace is set up):
        // creating namespaces and links takes the kernel's rtnl lock and waits for RCU grace periods, so side by side
        // they only contend (measured: slower, when setups moved NICs). They run off this loop, which can react to the
        // first lease at once; NICs whose turn has not come when the choice is made are not probed at all.
        var probes = new List<Task<NicProbeResult>>();
        for (var i = 0; i < free.Count; i++)
        {
            var (link, mine, previous) = (free[i], progress[i], i > 0 ? progress[i - 1].SetupDone : Task.CompletedTask);
            probes.Add(Task.Run(async () =>
            {
                try
                {
                    await previous;
                    return late.IsCancellationRequested ? NicProbeResult.NotProbed(link.Name, link.Mac) : await ProbeOneAsync(link, probeSettings, mine, late.Token);
                }
                finally
                {
                    mine.SetupFinished();
                }
            }, CancellationToken.None));
        }
        DateTimeOffset? cutoff = null;
        while (probes.Any(t => !t.IsCompleted))
        {
            if (cutoff is null && firstLease.Task.IsCompleted)
            {
                var winner = progress.Where((p, i) => p.Lease is { HasPrivateRouter: true } && (settings.PinnedMac is not { } pin || free[i].Mac == pin))
                    .MinBy(p => p.LeaseAt)!;
                var exchange = winner.LeaseAt!.Value - (winner.DhcpStartedAt ?? winner.LeaseAt!.Value);
                // Only probes whose DHCP already ran when the first lease came are worth waiting for (ProbeCutoff); none
                // when the pinned NIC itself answered, since nothing else can be chosen then.
                var waitingFor = progress.Where((p, i) => settings.PinnedMac is null && !probes[i].IsCompleted && p.Lease is null && p.DhcpStartedAt <= winner.LeaseAt)
                    .Select(p => new PendingProbe(p.Nic, p.DhcpStartedAt));
                cutoff = ProbeCutoff.Deadline(winner.LeaseAt.Value, exchange, waitingFor, settings.ProbeGrace);
                status.Say($"{winner.Nic} has a lease with a private gateway after {exchange.TotalMilliseconds:0} ms of DHCP; waiting for the other probes until +{(cutoff.Value - roundStart).TotalMilliseconds:0} ms");
            }
            var running = probes.Where(t => !t.IsCompleted).Cast<Task>().ToList();
            if (cutoff is { } c && c <= time.GetUtcNow())
            {
                // Probes that already hold a lease are nearly done (one IPv6 read and the move back): never cut those.
                var leased = probes.Where((t, i) => !t.IsCompleted && progress[i].Lease is not null).Cast<Task>().ToList();
                if (leased.Count == 0)
                    break;
                running = leased;
            }
            else
            {
                running.Add(cutoff is { } at ? Task.Delay(at - time.GetUtcNow(), time, ct) : firstLease.Task);
            }
            await Task.WhenAny(running);
            ct.ThrowIfCancellationRequested();
        }
        // Not awaited: cancelling runs the cut probes' continuations (stop udhcpc, move back), which finish in the background.
        var cancelling = late.CancelAsync();

        var results = new List<NicProbeResult>();
        var background = new List<Task>();
        for (var i = 0; i < free.Count; i++)
        {
            if (probes[i].IsCompleted)
            {
                results.Add(await probes[i]);
                continue;
            }
            // Cut short: what it reached is known now; its cleanup (stop udhcpc, move the NIC back) finishes in the background.
            var link = free[i];
            results.Add(!progress[i].SetupDone.IsCompleted ? NicProbeResult.NotProbed(link.Name, link.Mac)
                : progress[i].CarrierAt is null ? NicProbeResult.Unplugged(link.Name, link.Mac) with { CutShort = true }
                : new NicProbeResult(link.Name, link.Mac, true, null, Ipv6Observation.None, CutShort: true));
            background.Add(probes[i]);
        }
        background.Add(cancelling);
        _probeCleanups = FinishRoundAsync(background, late);
        foreach (var r in results)
        {
            var p = progress.First(x => x.Nic == r.Name);
            status.Say($"  {r.Name}: {(r.Timeline?.ToString() ?? "cut short")}; carrier {Offset(p.CarrierAt)}, dhcp start {Offset(p.DhcpStartedAt)}, lease {Offset(p.LeaseAt)}");
        }
        return (results, ZosNicSelector.Choose(results, settings.PinnedMac));

        string Offset(DateTimeOffset? at) => at is { } t ? $"+{(t - roundStart).TotalMilliseconds:0} ms" : "-";
    }

    private static async Task FinishRoundAsync(List<Task> probes, CancellationTokenSource round)
    {
        try
        {
            await Task.WhenAll(probes);
        }
        finally
        {
            round.Dispose();
        }
    }

    /// <summary>Waits (bounded) for the cut-short probes of the last round to move their NICs back.</summary>
    private async Task AwaitProbeCleanupsAsync()
    {
        try
        {
            await _probeCleanups.WaitAsync(s_cleanupWait);
        }
        catch (TimeoutException)
        {
            status.Say($"probes cut short earlier still run after {s_cleanupWait.TotalSeconds} s; going on");
        }
    }

    private async Task<NicProbeResult> ProbeOneAsync(HostLink nic, NicProbeSettings probeSettings, NicProbeProgress progress, CancellationToken ct)
    {
        try
        {
            return await prober.ProbeAsync(nic, probeSettings, progress, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return new NicProbeResult(nic.Name, nic.Mac, nic.HasCarrier, null, Ipv6Observation.None, CutShort: true);
        }
        catch (Exception e)
        {
            return new NicProbeResult(nic.Name, nic.Mac, nic.HasCarrier, null, Ipv6Observation.None, e.Message);
        }
    }

    private async Task WaitForAddressAsync(AddressFamilyChoice family, LeaseTracker tracker, CancellationToken ct)
    {
        var deadline = time.GetUtcNow() + settings.LeaseWait;
        while (time.GetUtcNow() < deadline)
        {
            var addresses = links.ListAddresses(ZosSetupObserver.Bridge);
            var ready = family == AddressFamilyChoice.Ipv4
                ? tracker.Lease is not null || addresses.Any(a => a.Address.AddressFamily == AddressFamily.InterNetwork && a.Address.GetAddressBytes()[0] != 169)
                : addresses.Any(a => !a.Tentative && PrivateAddresses.IsGlobalIpv6(a.Address)) && links.HasDefaultRoute(ZosSetupObserver.Bridge, ipv6: true);
            if (ready)
                return;
            await Task.Delay(TimeSpan.FromMilliseconds(50), time, ct);
        }
    }

    private bool HasCarrier(string nic) => links.ListLinks().FirstOrDefault(l => l.Name == nic)?.HasCarrier ?? false;

    private IReadOnlyList<NicStatusRow> KeptRows(string nic)
    {
        var all = links.ListLinks();
        var addresses = links.ListAddresses(ZosSetupObserver.Bridge);
        var v4 = addresses.FirstOrDefault(a => a.Address.AddressFamily == AddressFamily.InterNetwork);
        var v6 = addresses.Where(a => PrivateAddresses.IsGlobalIpv6(a.Address)).Select(a => a.Address.ToString()).ToList();
        return all.Where(IsPhysical).OrderBy(l => l.Name, StringComparer.Ordinal).Select(l => l.Name == nic
            ? new NicStatusRow(l.Name, l.Mac.ToString(), l.HasCarrier, v4?.ToString(), null, v6.Count > 0 ? string.Join(",", v6) : null, true, null)
            : new NicStatusRow(l.Name, l.Mac.ToString(), l.HasCarrier, null, null, null, false, $"not probed: zos already runs on {nic}")).ToList();
    }

    private void ApplyRepairs(ZosSetupPlan plan)
    {
        foreach (var action in plan.Actions)
        {
            switch (action.Kind)
            {
                case RepairKind.DeleteForeignLink:
                    links.DeleteLink(ZosSetupObserver.Bridge);
                    break;
                case RepairKind.ReleasePort:
                    links.SetMaster(action.Link!, null);
                    break;
                case RepairKind.SetBridgeMac:
                    var mac = links.ListLinks().First(l => l.Name == action.Link).Mac;
                    links.SetMac(ZosSetupObserver.Bridge, mac);
                    break;
                case RepairKind.SetBridgeUp:
                    links.SetUp(ZosSetupObserver.Bridge, true);
                    break;
                case RepairKind.SetPortUp:
                    links.SetUp(action.Link!, true);
                    break;
                case RepairKind.DisablePortIpv6:
                    links.SetSysctl($"net/ipv6/conf/{action.Link}/disable_ipv6", "1");
                    break;
                case RepairKind.SetVlanFiltering:
                    links.SetVlanFiltering(ZosSetupObserver.Bridge, ZosVlanPlan.NeedsFiltering(settings.PrivateVlan, settings.PublicVlan));
                    break;
                case RepairKind.ProbeAndAttach or RepairKind.AwaitLease:
                    // Done by the attempt loop: probing when no NIC is kept, the DHCP client in every case.
                    break;
            }
        }
    }
}
