using System.Collections.Concurrent;
using System.Net;
using Zos.Core.Bringup;
using Zos.Node.Bringup;

namespace Zos.Node.Tests.Bringup;

/// <summary>
/// An <see cref="INicProber"/> whose NICs answer by round: a NIC leases from the round given for it (never when absent),
/// has no carrier when listed as unplugged, and stays silent otherwise. It keeps NICs without answer "up" the way the
/// real prober does (gone from the host's list, listed in <see cref="Parked"/>) and records every probe's settings.
/// </summary>
internal sealed class RoundProber(RecordingLinkControl links, IReadOnlyDictionary<string, int> leaseFromRound, IReadOnlySet<string> unplugged) : INicProber
{
    private readonly Dictionary<string, HostLink> _parked = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _rounds = new(StringComparer.Ordinal);

    public ConcurrentQueue<(string Nic, NicProbeSettings Settings, bool WasParked)> Probes { get; } = new();

    public int Releases { get; private set; }

    public IReadOnlyList<HostLink> Parked
    {
        get
        {
            lock (_parked)
                return [.. _parked.Values];
        }
    }

    public void ReleaseParked()
    {
        lock (_parked)
        {
            Releases++;
            links.Links.AddRange(_parked.Values);
            _parked.Clear();
        }
    }

    public Task<NicProbeResult> ProbeAsync(HostLink nic, NicProbeSettings settings, NicProbeProgress progress, CancellationToken ct)
    {
        bool wasParked;
        int round;
        lock (_parked)
        {
            wasParked = _parked.Remove(nic.Name);
            links.Links.RemoveAll(l => l.Name == nic.Name);
            round = _rounds[nic.Name] = _rounds.GetValueOrDefault(nic.Name) + 1;
        }
        Probes.Enqueue((nic.Name, settings, wasParked));
        progress.SetupFinished();
        NicProbeResult result;
        if (unplugged.Contains(nic.Name))
        {
            result = NicProbeResult.Unplugged(nic.Name, nic.Mac);
        }
        else
        {
            progress.CarrierSeen();
            progress.DhcpStarted();
            DhcpLease? lease = null;
            if (leaseFromRound.TryGetValue(nic.Name, out var from) && round >= from)
            {
                lease = new DhcpLease(IPAddress.Parse("10.61.0.100"), 24, [IPAddress.Parse("10.61.0.1")], [], null, TimeSpan.FromHours(1));
                progress.LeaseReceived(lease);
            }
            result = new NicProbeResult(nic.Name, nic.Mac, true, lease, Ipv6Observation.None);
        }
        lock (_parked)
        {
            if (settings.KeepUpBetweenRounds && !result.Works)
                _parked[nic.Name] = nic;
            else
                links.Links.Add(nic);
        }
        return Task.FromResult(result);
    }
}
