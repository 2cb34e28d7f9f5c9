using System.Net;
using System.Net.Sockets;
using Zos.Core.Primitives;

namespace Zos.Core.Naming;

/// <summary>Addresses Zero-OS derives for one member subnet of a network (zos-networking.md §4.4-4.5).</summary>
public sealed record MemberSubnetNames
{
    public required IPNetwork Subnet { get; init; }

    /// <summary>a.b.c.1/len on n-&lt;netid&gt;: the VMs' IPv4 gateway.</summary>
    public required InterfaceAddress Gateway4 { get; init; }

    /// <summary>Convert4to6(netid, a.b.c.1)/64: the VMs' IPv6 gateway.</summary>
    public required InterfaceAddress Gateway6 { get; init; }

    public required IPNetwork UlaPrefix { get; init; }

    /// <summary>100.64.b.c/16 on w-&lt;netid&gt; (peers list it as /32).</summary>
    public required InterfaceAddress WireGuard { get; init; }

    public static MemberSubnetNames Derive(NetId netId, IPNetwork subnet)
    {
        if (subnet.BaseAddress.AddressFamily != AddressFamily.InterNetwork)
            throw new ArgumentException($"subnet {subnet} is not IPv4", nameof(subnet));
        var gateway = IpMath.FromUInt32(IpMath.ToUInt32(subnet.BaseAddress) | 1);
        return new MemberSubnetNames
        {
            Subnet = subnet,
            Gateway4 = new InterfaceAddress(gateway, subnet.PrefixLength),
            Gateway6 = new InterfaceAddress(UlaAddress.Convert4to6(netId, gateway), UlaAddress.PrefixLength),
            UlaPrefix = UlaAddress.PrefixForSubnet(netId, subnet),
            WireGuard = new InterfaceAddress(WireGuardAddress.ForSubnet(subnet), WireGuardAddress.InterfacePrefixLength),
        };
    }
}
