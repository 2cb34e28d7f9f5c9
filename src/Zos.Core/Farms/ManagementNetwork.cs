using System.Net;
using Zos.Core.Primitives;

namespace Zos.Core.Farms;

/// <summary>
/// The private out-of-band network nodes boot and get their management address on (the seed's 1G OOB switch): it
/// needs DHCP and a router to the Internet (NAT) because a node cannot finish booting without a default route.
/// </summary>
public sealed record ManagementNetwork
{
    public string? Switch { get; init; }

    /// <summary>VLAN id on a single-switch farm (vlan:priv when ports are tagged).</summary>
    public int? Vlan { get; init; }

    public IPNetwork? Subnet { get; init; }

    /// <summary>The router's address on this network (default gateway handed out by DHCP).</summary>
    public IPAddress? Gateway { get; init; }

    /// <summary>Dynamic pool; reservations (nodes' management addresses) must be outside it.</summary>
    public AddressRange? DhcpRange { get; init; }

    public IReadOnlyList<IPAddress> Dns { get; init; } = [];
}
