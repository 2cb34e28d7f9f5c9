using System.Net.Sockets;
using Zos.Core.Bringup;

namespace Zos.Node.Bringup;

/// <summary>
/// The node's first phase: from whatever the kernel shows to a NIC behind zos with a lease and an answering
/// registry, retrying forever with capped backoff (zos-networking.md §1, improved per §8.1-8.5). Each attempt
/// probes all free NICs at once, chooses, attaches, waits for the lease and checks connectivity; the per-NIC
/// table goes to the console and the status file every time.
/// </summary>
public sealed class BringupRunner(
    ILinkControl links,
    INicProber prober,
    ILeaseClient leaseClient,
    IConnectivityProbe connectivity,
    StatusReporter status,
    BringupSettings settings,
    TimeProvider time,
    Random random)
{
    private bool IsPhysical(HostLink l) => settings.PhysicalKinds.Contains(l.Kind) && l.Name != ZosSetupObserver.Bridge && l.Name != "lo";

    public async Task<BringupOutcome> RunAsync(CancellationToken ct)
    {
        var plan = ZosSetupAssessor.Assess(ZosSetupObserver.Observe(links, IsPhysical), settings.PrivateVlan is not null);
        status.Say($"existing zos setup: {plan.Verdict} ({plan.Reason})");
        ApplyRepairs(plan);
        var nic = plan.KeptNic;
        var family = AddressFamilyChoice.Ipv4;
        var kept = plan.Verdict == ZosSetupVerdict.Healthy;
        LeaseTracker? tracker = null;
        IAsyncDisposable? client = null;
        var failures = 0;
        var failuresOnNic = 0;
        for (var attempt = 1; ; attempt++)
        {
            ct.ThrowIfCancellationRequested();
            string? error;
            IReadOnlyList<NicStatusRow> rows;
            if (nic is null)
            {
                status.Update(s => s with { Phase = BringupPhase.Probing, Attempt = attempt, NextAttemptAt = null });
                var probeClock = System.Diagnostics.Stopwatch.StartNew();
                var (probes, selection) = await ProbeAllAsync(ct);
                rows = NicStatusRow.From(probes, selection);
                status.Say($"probed {probes.Count} NIC(s) in {probeClock.ElapsedMilliseconds} ms: {selection.Chosen?.Name ?? "none usable"}");
                if (selection.Chosen is { } chosen)
                {
                    status.Update(s => s with { Phase = BringupPhase.Configuring, Nics = rows, ChosenNic = chosen.Name, Family = selection.Family });
                    ZosBridgeBuilder.Attach(links, chosen.Name, chosen.Mac, settings.PrivateVlan, settings.PublicVlan);
                    nic = chosen.Name;
                    family = selection.Family!.Value;
                    kept = false;
                    failuresOnNic = 0;
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
                    tracker = new LeaseTracker(links, ZosSetupObserver.Bridge, time);
                    client = leaseClient.Start(ZosSetupObserver.Bridge, tracker.OnEvent);
                }
                status.Update(s => s with { Phase = BringupPhase.CheckingConnectivity, Attempt = attempt, Nics = rows, ChosenNic = nic, KeptExistingSetup = kept });
                var leaseClock = System.Diagnostics.Stopwatch.StartNew();
                await WaitForAddressAsync(family, tracker, ct);
                status.Say($"zos address wait {leaseClock.ElapsedMilliseconds} ms");
                var result = await connectivity.CheckAsync(settings.Targets, settings.ConnectTimeout, ct);
                status.Say($"connectivity {(result.Ok ? "OK" : result.Error)} after {leaseClock.ElapsedMilliseconds} ms");
                if (result.Ok)
                {
                    var online = nic;
                    var zosAddresses = links.ListAddresses(ZosSetupObserver.Bridge).Select(a => a.ToString()).ToList();
                    status.Update(s => s with
                    {
                        Phase = BringupPhase.Online, Attempt = attempt, InternetOk = true, InternetOkAt = time.GetUtcNow(), LastError = null,
                        NextAttemptAt = null, ChosenNic = online, Family = family, Nics = rows, ZosAddresses = zosAddresses,
                    }, print: true);
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

    private async Task<(IReadOnlyList<NicProbeResult>, NicSelection)> ProbeAllAsync(CancellationToken ct)
    {
        var free = links.ListLinks().Where(l => IsPhysical(l) && l.MasterIndex is null).OrderBy(l => l.Name, StringComparer.Ordinal).ToList();
        using var late = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var probes = free.Select(l => ProbeOneAsync(l, late.Token)).ToList();
        // Silent NICs cost a whole DHCP timeout; once one NIC with a private gateway works, the others get a short grace, then are
        // cancelled (they move back and are probed again next time), so dead NICs don't delay a good one.
        var pending = probes.ToList();
        DateTimeOffset? firstWorking = null;
        while (pending.Count > 0)
        {
            var waitFor = firstWorking is { } at ? at + settings.ProbeGrace - time.GetUtcNow() : Timeout.InfiniteTimeSpan;
            if (firstWorking is not null && waitFor <= TimeSpan.Zero)
                break;
            var finished = await Task.WhenAny(pending.Cast<Task>().Append(Task.Delay(waitFor, time, ct)));
            if (finished is Task<NicProbeResult> done)
            {
                pending.Remove(done);
                // Only a private gateway can end the wait early: a public one may still lose to a slower private one.
                if (firstWorking is null && (await done) is { HasUsableIpv4: true, Lease.HasPrivateRouter: true })
                    firstWorking = time.GetUtcNow();
            }
        }
        await late.CancelAsync();
        var results = await Task.WhenAll(probes);
        return (results, ZosNicSelector.Choose(results, settings.PinnedMac));
    }

    private async Task<NicProbeResult> ProbeOneAsync(HostLink nic, CancellationToken ct)
    {
        try
        {
            return await prober.ProbeAsync(nic, settings.Probe, ct);
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
                    links.SetVlanFiltering(ZosSetupObserver.Bridge, settings.PrivateVlan is not null);
                    break;
                case RepairKind.ProbeAndAttach or RepairKind.AwaitLease:
                    // Done by the attempt loop: probing when no NIC is kept, the DHCP client in every case.
                    break;
            }
        }
    }
}
