using System.Net;
using Zos.Core.Contracts;
using Zos.Core.Primitives;

namespace Zos.Core.Validation;

/// <summary>
/// The public address space a registry farm holds: the subnet of each public IPv4 address and each IPv6 prefix,
/// normalised, each once. The registry makes each of these networks belong to one farm only (no other farm may hold
/// it or any network overlapping it), so an address can never be given to nodes of two farms.
/// </summary>
public static class FarmAddressSpace
{
    /// <summary>The networks of <paramref name="farm"/>; entries that do not parse (data stored before the rules) are left out.</summary>
    public static IReadOnlyList<IPNetwork> NetworksOf(Farm farm)
    {
        var networks = new List<IPNetwork>();
        foreach (var ip in farm.PublicIps)
        {
            if (InterfaceAddress.TryParse(ip.Ip, out var a))
                networks.Add(a.Network);
        }
        foreach (var prefix in farm.Ipv6Prefixes)
        {
            if (InterfaceAddress.TryParse(prefix, out var p))
                networks.Add(p.Network);
        }
        return [.. networks.Distinct()];
    }

    /// <summary>The first network of <paramref name="others"/> that overlaps one of <paramref name="mine"/>, with it; null when none does.</summary>
    public static (IPNetwork Mine, IPNetwork Theirs, T Owner)? FirstOverlap<T>(IEnumerable<IPNetwork> mine, IEnumerable<(IPNetwork Network, T Owner)> others)
    {
        var theirs = others.ToList();
        foreach (var m in mine)
        {
            foreach (var (network, owner) in theirs)
            {
                if (IpMath.Overlaps(m, network))
                    return (m, network, owner);
            }
        }
        return null;
    }
}
