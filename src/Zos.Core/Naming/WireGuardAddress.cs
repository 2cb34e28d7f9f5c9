using System.Net;
using System.Net.Sockets;

namespace Zos.Core.Naming;

/// <summary>
/// The WireGuard address of a member subnet: 100.64.&lt;2nd octet&gt;.&lt;3rd octet&gt; (zos-networking.md §4.5, wgIP).
/// The node puts it on w-&lt;netid&gt; with a /16 so 100.64.0.0/16 goes into the tunnel; peers list it as /32.
/// Zero-OS assumes the network range is a /16 and subnets are /24s; network validation enforces that here.
/// </summary>
public static class WireGuardAddress
{
    public const int InterfacePrefixLength = 16;

    /// <summary>100.64.0.0/16, the range all WireGuard addresses of one network live in.</summary>
    public static IPNetwork Range { get; } = IPNetwork.Parse("100.64.0.0/16");

    public static IPAddress ForSubnet(IPNetwork subnet)
    {
        if (subnet.BaseAddress.AddressFamily != AddressFamily.InterNetwork)
            throw new ArgumentException($"subnet {subnet} is not IPv4", nameof(subnet));
        var b = subnet.BaseAddress.GetAddressBytes();
        return new IPAddress([100, 64, b[1], b[2]]);
    }
}
