using System.Collections.Concurrent;
using System.Net;
using Zos.Core.Bringup;
using Zos.Node.Bringup;

namespace Zos.Node.Tests.Bringup;

/// <summary>What a scripted NIC does when probed.</summary>
internal enum NicScript
{
    /// <summary>Carrier at once, a lease with router 10.61.0.1 after <see cref="ScriptedProber.LeaseDelay"/>.</summary>
    Leases,

    /// <summary>Like <see cref="Leases"/> but after <see cref="ScriptedProber.SlowLeaseDelay"/>, on 10.62.0.0/24.</summary>
    LeasesSlowly,

    /// <summary>Carrier, DHCP runs, nothing answers until cancelled.</summary>
    Silent,

    /// <summary>The namespace setup itself takes <see cref="ScriptedProber.SlowSetup"/>, then it is silent.</summary>
    SlowSetup,
}

/// <summary>An <see cref="INicProber"/> that plays a script per NIC and records which NICs it was asked to probe.</summary>
internal sealed class ScriptedProber(IReadOnlyDictionary<string, NicScript> scripts) : INicProber
{
    public static readonly TimeSpan LeaseDelay = TimeSpan.FromMilliseconds(20);
    public static readonly TimeSpan SlowLeaseDelay = TimeSpan.FromMilliseconds(250);
    public static readonly TimeSpan SlowSetup = TimeSpan.FromMilliseconds(400);

    public ConcurrentQueue<string> Started { get; } = new();

    public async Task<NicProbeResult> ProbeAsync(HostLink nic, NicProbeSettings settings, NicProbeProgress progress, CancellationToken ct)
    {
        Started.Enqueue(nic.Name);
        var script = scripts[nic.Name];
        if (script == NicScript.SlowSetup)
            await Task.Delay(SlowSetup, CancellationToken.None);
        progress.SetupFinished();
        progress.CarrierSeen();
        progress.DhcpStarted();
        if (script is NicScript.Silent or NicScript.SlowSetup)
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            throw new InvalidOperationException("unreachable");
        }
        await Task.Delay(script == NicScript.Leases ? LeaseDelay : SlowLeaseDelay, ct);
        var subnet = script == NicScript.Leases ? "10.61.0" : "10.62.0";
        var lease = new DhcpLease(IPAddress.Parse($"{subnet}.100"), 24, [IPAddress.Parse($"{subnet}.1")], [], null, TimeSpan.FromHours(1));
        progress.LeaseReceived(lease);
        return new NicProbeResult(nic.Name, nic.Mac, true, lease, Ipv6Observation.None);
    }
}
