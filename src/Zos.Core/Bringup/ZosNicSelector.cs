using System.Net;
using Zos.Core.Primitives;

namespace Zos.Core.Bringup;

/// <summary>
/// Picks the NIC behind the bridge <c>zos</c> (zos-networking.md §1.5, improved per §8.3/§8.5):
/// a NIC pinned by MAC wins when it works; otherwise IPv4 NICs with a router, those with a private router first
/// (any router of the list counts), smallest address wins (byte order, ties by name); an IPv6-only NIC (global
/// address + RA default route) is accepted only when no NIC has usable IPv4.
/// </summary>
public static class ZosNicSelector
{
    public static NicSelection Choose(IReadOnlyList<NicProbeResult> probes, MacAddress? pinnedMac = null)
    {
        var whyNot = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in probes)
        {
            if (p.Failure is { } failure)
                whyNot[p.Name] = failure == ProbeFailure.ProbeError ? $"{failure.ToText()}: {p.Error}" : failure.ToText();
        }

        var working = probes.Where(p => p.Works).ToList();
        if (pinnedMac is { } pin)
        {
            var pinned = working.FirstOrDefault(p => p.Mac == pin);
            if (pinned is not null)
            {
                foreach (var other in working.Where(p => p != pinned))
                    whyNot[other.Name] = $"management NIC pinned to {pin}";
                return new NicSelection(pinned, pinned.HasUsableIpv4 ? AddressFamilyChoice.Ipv4 : AddressFamilyChoice.Ipv6Only, whyNot);
            }
            var pinnedDead = probes.FirstOrDefault(p => p.Mac == pin);
            if (pinnedDead is not null)
                whyNot[pinnedDead.Name] = $"pinned, but {whyNot.GetValueOrDefault(pinnedDead.Name, "not working")}";
        }

        var ipv4 = working.Where(p => p.HasUsableIpv4).ToList();
        if (ipv4.Count > 0)
        {
            var privateGateway = ipv4.Where(p => p.Lease!.HasPrivateRouter).ToList();
            var candidates = privateGateway.Count > 0 ? privateGateway : ipv4;
            var ordered = candidates
                .OrderBy(p => p.Lease!.Address, AddressOrder.Instance)
                .ThenBy(p => p.Name, StringComparer.Ordinal)
                .ToList();
            var chosen = ordered[0];
            foreach (var p in ipv4.Where(p => p != chosen))
            {
                whyNot[p.Name] = privateGateway.Count > 0 && !p.Lease!.HasPrivateRouter
                    ? $"public gateway; {chosen.Name} has a private one"
                    : $"address {p.Lease!.Address} is larger than {chosen.Lease!.Address} ({chosen.Name})";
            }
            foreach (var p in working.Where(p => !p.HasUsableIpv4))
                whyNot[p.Name] = $"IPv6 only; {chosen.Name} has IPv4";
            return new NicSelection(chosen, AddressFamilyChoice.Ipv4, whyNot);
        }

        var ipv6 = working
            .OrderBy(p => p.Ipv6.GlobalAddresses.Min(AddressOrder.Instance)!, AddressOrder.Instance)
            .ThenBy(p => p.Name, StringComparer.Ordinal)
            .ToList();
        if (ipv6.Count == 0)
            return new NicSelection(null, null, whyNot);
        var chosen6 = ipv6[0];
        foreach (var p in ipv6.Skip(1))
            whyNot[p.Name] = $"IPv6 address larger than {chosen6.Name}'s";
        return new NicSelection(chosen6, AddressFamilyChoice.Ipv6Only, whyNot);
    }
}
