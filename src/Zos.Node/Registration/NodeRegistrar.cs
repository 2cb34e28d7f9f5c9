using System.Net.Sockets;
using System.Threading.Channels;
using Zos.Client;
using Zos.Core.Bringup;
using Zos.Core.Contracts;
using Zos.Node.Bringup;

namespace Zos.Node.Registration;

/// <summary>
/// Registers the node (signed) once the Internet answers, re-registers when zos's addresses change (netlink
/// address events, coalesced), and heartbeats at a fixed interval with its health. Registry errors are retried
/// with backoff forever; the network is never touched from here.
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
    Random random)
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
                await HeartbeatAsync(ct);
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
        for (var failures = 1; ; failures++)
        {
            var registration = BuildRegistration();
            try
            {
                await client.RegisterNodeAsync(registration, ct);
                var addresses = ZosAddresses(registration);
                _registeredAddresses = addresses;
                status.Update(s => s with { Registered = true, RegisteredAt = time.GetUtcNow(), RegistryError = null, ZosAddresses = addresses });
                status.Say($"registered with {settings.Registry} as {nodeId} (zos {string.Join(" ", addresses)})");
                return;
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

    private static IReadOnlyList<string> ZosAddresses(NodeRegistration registration) =>
        registration.Interfaces.FirstOrDefault(i => i.Name == ZosSetupObserver.Bridge)?.Addresses ?? [];

    private async Task HeartbeatAsync(CancellationToken ct)
    {
        var check = await connectivity.CheckAsync(settings.Targets, settings.ConnectTimeout, ct);
        var leaseAge = lease.ObtainedAt is { } at ? (long?)(time.GetUtcNow() - at).TotalSeconds : null;
        // What each unused NIC was waited for goes with its reason, so the Cockpit shows "no offer: no offer after 8 DHCP tries of 1 s (round 3)".
        var nics = status.Current.Nics.Select(r => new NicHealth(r.Nic, r.Carrier, r.DhcpOffer is null ? [] : [r.DhcpOffer],
            r.Wait is null ? r.WhyNot : $"{r.WhyNot}: {r.Wait}")).ToList();
        var heartbeat = new Heartbeat(facts.ReadUptimeSeconds(), new NodeHealth(check.Ipv4, check.Ipv6, leaseAge, nics));
        try
        {
            await client.HeartbeatAsync(nodeId, heartbeat, ct);
            status.Update(s => s with { LastHeartbeatAt = time.GetUtcNow(), RegistryError = null });
        }
        catch (Exception e) when (RegistryFailure.IsTransient(e, ct))
        {
            status.Update(s => s with { RegistryError = $"heartbeat failed: {e.Message}" });
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
            settings.IdentityVolatile);
    }
}
