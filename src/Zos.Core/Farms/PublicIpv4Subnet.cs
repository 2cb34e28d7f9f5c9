using System.Net;
using Zos.Core.Primitives;

namespace Zos.Core.Farms;

/// <summary>A public IPv4 subnet routed to the farm: its gateway and the addresses the farm may assign.</summary>
public sealed record PublicIpv4Subnet
{
    public IPNetwork? Subnet { get; init; }

    public IPAddress? Gateway { get; init; }

    /// <summary>Assignable addresses (to nodes' public configs and workloads). Empty: every host address but the gateway.</summary>
    public IReadOnlyList<AddressRange> Addresses { get; init; } = [];

    /// <summary>On a flat farm, the DHCP pool nodes get their own (zos) address from on this segment.</summary>
    public AddressRange? DhcpRange { get; init; }

    /// <summary>The assignable addresses: the listed ones, or every host address of the subnet except the gateway.</summary>
    public IEnumerable<IPAddress> AssignableAddresses()
    {
        if (Subnet is not { } subnet)
            return [];
        var listed = Addresses.Count > 0
            ? Addresses.SelectMany(r => r.Addresses())
            : new AddressRange(subnet.BaseAddress, IpMath.LastAddress(subnet)).Addresses();
        return listed.Where(a => IpMath.IsHostAddress(subnet, a) && !a.Equals(Gateway) && DhcpRange?.Contains(a) != true);
    }
}
