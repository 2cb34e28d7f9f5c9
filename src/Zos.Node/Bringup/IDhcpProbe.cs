namespace Zos.Node.Bringup;

/// <summary>A one-shot DHCPv4 probe (udhcpc -q -n -t N -T S through Zos.Linux) of a link inside a named namespace; configures nothing.</summary>
public interface IDhcpProbe
{
    Task<DhcpProbeOutcome> ProbeAsync(string netns, string link, int tries, TimeSpan tryTimeout, CancellationToken ct);
}
