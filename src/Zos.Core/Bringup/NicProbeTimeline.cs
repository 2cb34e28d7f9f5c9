using System.Globalization;

namespace Zos.Core.Bringup;

/// <summary>
/// Where one probe spent its time (for the bring-up log and the benchmark breakdown): namespace setup (create,
/// move the NIC in, sysctls, up), the carrier wait, the DHCPv4 probe (udhcpc spawn to lease or failure), the extra
/// IPv6 watch after DHCP ended, and the whole probe. A phase that did not run is null.
/// </summary>
public sealed record NicProbeTimeline(TimeSpan Setup, TimeSpan? Carrier, TimeSpan? Dhcp, TimeSpan? Ipv6Extra, TimeSpan Total)
{
    public override string ToString()
    {
        static string Ms(TimeSpan? t) => t is { } v ? v.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture) + " ms" : "-";
        return $"setup {Ms(Setup)}, carrier {Ms(Carrier)}, dhcp {Ms(Dhcp)}, ipv6 extra {Ms(Ipv6Extra)}, total {Ms(Total)}";
    }
}
