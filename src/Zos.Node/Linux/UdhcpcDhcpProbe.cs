using Zos.Node.Bringup;

namespace Zos.Node.Linux;

/// <summary>The one-shot probe over Zos.Linux.Dhcp (linux-services).</summary>
public sealed class UdhcpcDhcpProbe : IDhcpProbe
{
    public Task<DhcpProbeOutcome> ProbeAsync(string netns, string nic, int tries, CancellationToken ct) =>
        throw new NotSupportedException("the DHCP probe needs Zos.Linux.Dhcp (linux-services), which is not merged yet");
}
