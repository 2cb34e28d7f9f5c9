using Zos.Core.Bringup;

namespace Zos.Node.Bringup;

/// <summary>
/// Probes one NIC from a throw-away namespace without taking its link down: bring it up, wait for carrier, run a
/// one-shot DHCP probe and observe RAs/SLAAC, then discard the namespace (always, also on failure or cancellation),
/// unless the settings keep it for the next round (<see cref="NicProbeSettings.KeepUpBetweenRounds"/>).
/// </summary>
public interface INicProber
{
    /// <summary>Probes <paramref name="nic"/>, recording each step reached in <paramref name="progress"/> as it happens.</summary>
    Task<NicProbeResult> ProbeAsync(HostLink nic, NicProbeSettings settings, NicProbeProgress progress, CancellationToken ct);

    /// <summary>NICs whose probe namespaces are kept since the last round, as the host listed them; probed again next round.</summary>
    IReadOnlyList<HostLink> Parked => [];

    /// <summary>Discards every kept probe namespace (also those a killed daemon left behind); a NIC was chosen, or the node starts or stops.</summary>
    void ReleaseParked()
    {
    }
}
