using System.Net;
using System.Net.Sockets;
using Zos.Core.Naming;
using Zos.Core.Primitives;

namespace Zos.Core.Reconcile;

/// <summary>
/// The addresses and routes a workload gets on a network resource (zos-networking.md §4.6): <c>ip/24</c> and
/// <c>Convert4to6(ip)/64</c>; routes for the network range and 100.64.0.0/16 via the gateway <c>&lt;subnet&gt;.1</c>;
/// default gateways <c>&lt;subnet&gt;.1</c> and <c>Convert4to6(&lt;subnet&gt;.1)</c>.
/// </summary>
public sealed record WorkloadAddressing(
    InterfaceAddress Ipv4,
    InterfaceAddress Ipv6,
    IPAddress Gateway4,
    IPAddress Gateway6,
    IReadOnlyList<IPNetwork> RoutesViaGateway)
{
    /// <summary>Checks that <paramref name="ip"/> lies in the node's subnet and is not the gateway (.1), naming the value on error.</summary>
    public static WorkloadAddressing For(NetId netId, IPNetwork range, IPNetwork subnet, IPAddress ip)
    {
        ArgumentNullException.ThrowIfNull(ip);
        if (ip.AddressFamily != AddressFamily.InterNetwork || !subnet.Contains(ip))
            throw new ArgumentException($"ip {ip} is not inside this node's subnet {subnet} of the network", nameof(ip));
        var gw = IpMath.FromUInt32(IpMath.ToUInt32(subnet.BaseAddress) + 1);
        if (ip.Equals(gw) || ip.Equals(subnet.BaseAddress) || ip.Equals(IpMath.LastAddress(subnet)))
            throw new ArgumentException($"ip {ip} is reserved in {subnet} (network, gateway .1 or broadcast)", nameof(ip));
        return new WorkloadAddressing(
            new InterfaceAddress(ip, subnet.PrefixLength),
            new InterfaceAddress(UlaAddress.Convert4to6(netId, ip), UlaAddress.PrefixLength),
            gw,
            UlaAddress.Convert4to6(netId, gw),
            [range, WireGuardAddress.Range]);
    }
}
