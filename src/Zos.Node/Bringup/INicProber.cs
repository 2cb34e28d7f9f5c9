using Zos.Core.Bringup;

namespace Zos.Node.Bringup;

/// <summary>
/// Probes one NIC in a throw-away namespace: move it in, bring it up, wait for carrier, run a one-shot DHCP probe
/// and observe RAs/SLAAC, then move it back (always, also on failure or cancellation), unless the settings keep a
/// NIC without answer up for the next round (<see cref="NicProbeSettings.KeepUpBetweenRounds"/>).
/// </summary>
public interface INicProber
{
    /// <summary>Probes <paramref name="nic"/>, recording each step reached in <paramref name="progress"/> as it happens.</summary>
    Task<NicProbeResult> ProbeAsync(HostLink nic, NicProbeSettings settings, NicProbeProgress progress, CancellationToken ct);

    /// <summary>NICs kept up in their probe namespaces since the last round, as the host listed them; probed again next round.</summary>
    IReadOnlyList<HostLink> Parked => [];

    /// <summary>Moves every kept NIC back to the host (also those a killed daemon left behind); a NIC was chosen, or the node starts.</summary>
    void ReleaseParked()
    {
    }
}
