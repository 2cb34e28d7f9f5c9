using Zos.Core.Bringup;

namespace Zos.Node.Bringup;

/// <summary>
/// Probes one NIC in a throw-away namespace named after it: move it in, bring it up, wait for carrier, run a
/// one-shot DHCP probe and observe RAs/SLAAC, then move it back (always, also on failure or cancellation).
/// </summary>
public interface INicProber
{
    /// <summary>Probes <paramref name="nic"/>, recording each step reached in <paramref name="progress"/> as it happens.</summary>
    Task<NicProbeResult> ProbeAsync(HostLink nic, NicProbeSettings settings, NicProbeProgress progress, CancellationToken ct);
}
