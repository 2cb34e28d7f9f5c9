using Zos.Core.Bringup;
using Zos.Linux.Dhcp;
using Zos.Node.Bringup;

namespace Zos.Node.Linux;

/// <summary>The one-shot probe over Zos.Linux's <see cref="DhcpProbe"/> (udhcpc -q -n -t N -T 1), all routers kept.</summary>
public sealed class UdhcpcDhcpProbe : IDhcpProbe
{
    public async Task<DhcpProbeOutcome> ProbeAsync(string netns, string nic, int tries, CancellationToken ct)
    {
        var result = await DhcpProbe.ProbeAsync(netns, nic, new DhcpProbeOptions { Tries = tries, SecondsPerTry = 1 }, ct);
        return new DhcpProbeOutcome(result.Lease is { } l ? ToCore(l) : null, result.Failure);
    }

    internal static DhcpLease ToCore(UdhcpcLease l) =>
        new(l.Address, l.PrefixLength, l.Routers, l.DnsServers, l.ServerId, l.LeaseTime);
}
