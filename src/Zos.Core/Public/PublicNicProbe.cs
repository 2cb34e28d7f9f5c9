using Zos.Core.Bringup;

namespace Zos.Core.Public;

/// <summary>
/// What the node learned about one NIC that could carry br-pub: whether it has carrier, and whether a probe in a
/// throw-away namespace got a public IPv6 by RA or a public IPv4 by DHCP (the original only looks for IPv6, zos#1753).
/// </summary>
public sealed record PublicNicProbe(string Name, bool Plugged, bool PublicIpv6, bool PublicIpv4)
{
    private static readonly System.Net.IPNetwork s_sharedAddressSpace = System.Net.IPNetwork.Parse("100.64.0.0/10");

    /// <summary>
    /// Judges a bring-up probe for the public role: a global (non-ULA, non-link-local) SLAAC address with an RA default
    /// router, or a DHCP lease whose address is not private (RFC 1918 and the other ranges of <see cref="PrivateAddresses"/>)
    /// and that names a router (carrier-grade NAT space, RFC 6598, is not public either). A NIC on the management LAN gets neither and is not taken.
    /// </summary>
    public static PublicNicProbe From(NicProbeResult probe)
    {
        ArgumentNullException.ThrowIfNull(probe);
        var ok = probe.Error is null && probe.HasCarrier;
        var v6 = ok && probe.Ipv6.DefaultRouter is not null && probe.Ipv6.GlobalAddresses.Any(PrivateAddresses.IsGlobalIpv6);
        var v4 = ok && probe.Lease is { HasRouter: true } lease && !PrivateAddresses.IsPrivate(lease.Address)
                 && !s_sharedAddressSpace.Contains(lease.Address);
        return new PublicNicProbe(probe.Name, probe.HasCarrier, v6, v4);
    }
}
