using System.Net.Sockets;
using System.Threading.Channels;
using Zos.Client;
using Zos.Core.Bringup;
using Zos.Core.Contracts;
using Zos.Node.Bringup;
using Zos.Node.Measurement;

namespace Zos.Node.Registration;

/// <summary>
/// Registers the node (signed) once the Internet answers, re-registers when zos's addresses change (netlink
/// address events, coalesced) or when the registry forgot it (the farmer removed it), and heartbeats at a fixed
/// interval with its health and, given a <see cref="UsageReader"/>, what it measured of its use. Registry errors are
/// retried with backoff forever; the network is never touched from here. While the farmer has not let the node into its farm (pending, or refused) the node is not registered for
/// the network manager: it says so, heartbeats, and asks again with backoff until it is in, without a reboot.
/// </summary>
public sealed class NodeRegistrar(
    RegistryClient client,
    string nodeId,
    ILinkControl links,
    IConnectivityProbe connectivity,
    LeaseTracker lease,
    StatusReporter status,
    HostFactsReader facts,
    RegistrationSettings settings,
    TimeProvider time,
    Random random,
    UsageReader? usage = null)
{
    private readonly Channel<bool> _addressChanged = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private IReadOnlyList<string> _registeredAddresses = [];

    public async Task RunAsync(CancellationToken ct)
    {
        using var watch = links.WatchAddresses(ZosSetupObserver.Bridge, () => _addressChanged.Writer.TryWrite(true));
        lease.Changed += OnLeaseChanged;
        try
        {
            await RegisterUntilDoneAsync(ct);
            var nextHeartbeat = time.GetUtcNow();
            while (!ct.IsCancellationRequested)
            {
                var wait = nextHeartbeat - time.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    using var timer = CancellationTokenSource.CreateLinkedTokenSource(ct);
                    timer.CancelAfter(wait);
                    try
                    {
                        await _addressChanged.Reader.ReadAsync(timer.Token);
                        // Coalesce a burst of address events (add + remove + route) into one registration.
                        await Task.Delay(TimeSpan.FromMilliseconds(200), time, ct);
                        _addressChanged.Reader.TryRead(out _);
                        // Every RA refreshes the SLAAC address's lifetimes (RTM_NEWADDR every few seconds on an IPv6
                        // LAN) and every renewal re-adds the lease: only a different set of addresses is news.
                        if (ZosAddresses(BuildRegistration()).Order(StringComparer.Ordinal).SequenceEqual(_registeredAddresses.Order(StringComparer.Ordinal)))
                            continue;
                        status.Say("zos addresses changed: registering again");
                        await RegisterUntilDoneAsync(ct);
                        continue;
                    }
                    catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                    {
                        // Heartbeat due.
                    }
                }
                if (!await HeartbeatAsync(ct))
                {
                    status.Say("the registry does not know this node any more (removed by the farmer?): registering again");
                    await RegisterUntilDoneAsync(ct);
                }
                nextHeartbeat = time.GetUtcNow() + settings.HeartbeatInterval;
            }
        }
        finally
        {
            lease.Changed -= OnLeaseChanged;
        }
    }

    private void OnLeaseChanged() => _addressChanged.Writer.TryWrite(true);

    private async Task RegisterUntilDoneAsync(CancellationToken ct)
    {
        var outside = 0; // answers that kept the node out of its farm, for the backoff of asking again
        for (var failures = 1; ; failures++)
        {
            var registration = BuildRegistration();
            try
            {
                var view = await client.RegisterNodeAsync(registration, ct);
                if (view.Enrollment is { } enrollment)
                {
                    await WaitOutsideAsync(EnrollmentText(enrollment), ++outside, ct);
                    continue;
                }
                var addresses = ZosAddresses(registration);
                _registeredAddresses = addresses;
                // Said before the status file flips, so whoever watches the status finds the lines already in the log.
                if (outside > 0)
                    status.Say($"farm {settings.FarmId} let this node in: part of the farm now");
                status.Say($"registered with {settings.Registry} as {nodeId} (zos {string.Join(" ", addresses)})");
                status.Update(s => s with { Registered = true, RegisteredAt = time.GetUtcNow(), RegistryError = null, ZosAddresses = addresses, Enrollment = null });
                return;
            }
            catch (RegistryException e) when (e.Status == System.Net.HttpStatusCode.Forbidden && e.FieldErrors.TryGetValue("enrollment", out var why) && !ct.IsCancellationRequested)
            {
                // Refused by the farmer, or a revoked/unknown token: keep asking (slowly) so an approval takes effect without a reboot.
                await WaitOutsideAsync($"refused by the registry: {string.Join("; ", why)}", ++outside, ct);
            }
            catch (Exception e) when (RegistryFailure.IsTransient(e, ct))
            {
                var delay = settings.Backoff.Delay(failures, random);
                var reason = RegistryReachability.DescribeFailure(settings.Registry, e);
                status.Update(s => s with { RegistryError = $"registration failed: {reason}" });
                status.Say($"registration failed ({reason}); retrying in {delay.TotalSeconds:0.0} s");
                await Task.Delay(delay, time, ct);
            }
        }
    }

    /// <summary>Says (once per change) why the node is kept out, heartbeats so the farmer sees it alive, and waits before asking again.</summary>
    private async Task WaitOutsideAsync(string why, int attempt, CancellationToken ct)
    {
        var delay = settings.Backoff.Delay(attempt, random);
        if (status.Current.Enrollment != why)
            status.Say($"not part of farm {settings.FarmId} yet: {why}; asking again every {settings.Backoff.Max.TotalSeconds:0} s at most");
        status.Update(s => s with { Registered = false, Enrollment = why, RegistryError = null });
        await HeartbeatAsync(ct);
        await Task.Delay(delay, time, ct);
    }

    private static string EnrollmentText(NodeEnrollment enrollment) => enrollment.State switch
    {
        EnrollmentState.Refused => $"refused by the farmer of farm {enrollment.FarmId} at {enrollment.Since:u}",
        _ => $"pending: waiting for the farmer of farm {enrollment.FarmId} to approve it (since {enrollment.Since:u}; " +
             $"zos farm node approve {enrollment.FarmId} <node-id>, or list its MAC, or boot it with zos-farm-token=)",
    };

    private static IReadOnlyList<string> ZosAddresses(NodeRegistration registration) =>
        registration.Interfaces.FirstOrDefault(i => i.Name == ZosSetupObserver.Bridge)?.Addresses ?? [];

    /// <summary>Sends a heartbeat; false when the registry answered that it does not know this node (404).</summary>
    private async Task<bool> HeartbeatAsync(CancellationToken ct)
    {
        var check = await connectivity.CheckAsync(settings.Targets, settings.ConnectTimeout, ct);
        var leaseAge = lease.ObtainedAt is { } at ? (long?)(time.GetUtcNow() - at).TotalSeconds : null;
        // What each unused NIC was waited for goes with its reason, so the Cockpit shows "no offer: no offer after 8 DHCP tries of 1 s (round 3)".
        var nics = status.Current.Nics.Select(r => new NicHealth(r.Nic, r.Carrier, r.DhcpOffer is null ? [] : [r.DhcpOffer],
            r.Wait is null ? r.WhyNot : $"{r.WhyNot}: {r.Wait}")).ToList();
        var heartbeat = new Heartbeat(facts.ReadUptimeSeconds(), new NodeHealth(check.Ipv4, check.Ipv6, leaseAge, nics, usage?.Read()));
        try
        {
            await client.HeartbeatAsync(nodeId, heartbeat, ct);
            status.Update(s => s with { LastHeartbeatAt = time.GetUtcNow(), RegistryError = null });
            return true;
        }
        catch (Exception e) when (RegistryFailure.IsTransient(e, ct))
        {
            status.Update(s => s with { RegistryError = $"heartbeat failed: {e.Message}" });
            return e is not RegistryException { Status: System.Net.HttpStatusCode.NotFound };
        }
    }

    public NodeRegistration BuildRegistration()
    {
        var all = links.ListLinks();
        var zos = all.FirstOrDefault(l => l.Name == ZosSetupObserver.Bridge);
        var interfaces = new List<InterfaceInfo>();
        if (zos is not null)
        {
            var addresses = links.ListAddresses(zos.Name)
                .Where(a => !a.Tentative && (a.Address.AddressFamily == AddressFamily.InterNetwork || !a.Address.IsIPv6LinkLocal))
                .Select(a => a.ToString()).ToList();
            interfaces.Add(new InterfaceInfo(zos.Name, zos.Mac.ToString(), addresses));
        }
        foreach (var nic in all.Where(l => settings.PhysicalKinds.Contains(l.Kind) && l.Name != ZosSetupObserver.Bridge).OrderBy(l => l.Name, StringComparer.Ordinal))
            interfaces.Add(new InterfaceInfo(nic.Name, nic.Mac.ToString(), []));
        var farm = settings.FarmId is 0 ? null : settings.FarmId;
        return new NodeRegistration(nodeId, farm, interfaces, facts.ReadCapacity(), facts.ReadVersions(), status.Current.ChosenNic,
            settings.IdentityVolatile, farm is null ? null : settings.FarmToken);
    }
}
