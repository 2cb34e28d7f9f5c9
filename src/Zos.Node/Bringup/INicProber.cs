using Zos.Core.Bringup;

namespace Zos.Node.Bringup;

/// <summary>
/// Probes one NIC in a throw-away namespace named after it: move it in, bring it up, wait for carrier, run a
/// one-shot DHCP probe and observe RAs/SLAAC, then move it back (always, also on failure or cancellation).
/// </summary>
public interface INicProber
{
    Task<NicProbeResult> ProbeAsync(HostLink nic, NicProbeSettings settings, CancellationToken ct);
}
