using Zos.Core.Bringup;
using Zos.Linux.Dhcp;
using Zos.Node.Bringup;

namespace Zos.Node.Linux;

/// <summary>The one-shot probe over Zos.Linux's <see cref="DhcpProbe"/> (udhcpc -q -n -t N -T S), all routers kept.</summary>
public sealed class UdhcpcDhcpProbe : IDhcpProbe
{
    public async Task<DhcpProbeOutcome> ProbeAsync(string netns, string link, int tries, TimeSpan tryTimeout, CancellationToken ct)
    {
        // udhcpc -T takes whole seconds and refuses 0.
        var seconds = Math.Max(1, (int)Math.Ceiling(tryTimeout.TotalSeconds));
        var result = await DhcpProbe.ProbeAsync(netns, link, new DhcpProbeOptions { Tries = tries, SecondsPerTry = seconds }, ct);
        return new DhcpProbeOutcome(result.Lease is { } l ? ToCore(l) : null, result.Failure);
    }

    internal static DhcpLease ToCore(UdhcpcLease l) =>
        new(l.Address, l.PrefixLength, l.Routers, l.DnsServers, l.ServerId, l.LeaseTime);
}
