namespace Zos.Node.Bringup;

/// <summary>A one-shot DHCPv4 probe (udhcpc -q -n -t N -T 1 through Zos.Linux) of a NIC inside a named namespace; configures nothing.</summary>
public interface IDhcpProbe
{
    Task<DhcpProbeOutcome> ProbeAsync(string netns, string nic, int tries, CancellationToken ct);
}
