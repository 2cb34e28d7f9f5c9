using System.Net;

namespace Zos.Protocols.Dhcp.Server;

/// <summary>
/// One subnet served: its pool (inclusive range) and the options given with its leases. A request is matched to the
/// subnet holding its relay's giaddr, or to the subnet of the server's own address when it arrived directly.
/// </summary>
public sealed record DhcpSubnet(
    IPNetwork Network,
    IPAddress PoolStart,
    IPAddress PoolEnd,
    IPAddress? Router,
    IReadOnlyList<IPAddress> DnsServers,
    string? DomainName,
    TimeSpan LeaseTime)
{
    public bool Contains(IPAddress address) => Network.Contains(address);

    public bool InPool(IPAddress address)
    {
        if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork)
            return false;
        var a = Ipv4.ToUInt32(address);
        return a >= Ipv4.ToUInt32(PoolStart) && a <= Ipv4.ToUInt32(PoolEnd);
    }
}
