using System.Net;
using System.Net.Sockets;
using Zos.Core.Primitives;

namespace Zos.Core.Naming;

/// <summary>
/// Every name and address Zero-OS derives for a user network (zos-networking.md §4.2-4.5), for operators who look
/// them up: the NetID, the namespace/bridge/WireGuard/gateway names, and for a member subnet its gateway addresses
/// (IPv4 .1 and Convert4to6), its /64 and its WireGuard address.
/// </summary>
public sealed record NetworkNames
{
    public required string Owner { get; init; }

    public required string Name { get; init; }

    public required NetId NetId { get; init; }

    /// <summary>Set when a member subnet was given.</summary>
    public MemberSubnetNames? Subnet { get; init; }

    public string Namespace => NetId.NamespaceName;

    public string Bridge => NetId.BridgeName;

    public string WireGuard => NetId.WireGuardName;

    public string GatewayLink => NetId.GatewayLinkName;

    public string MyceliumBridge => NetId.MyceliumBridgeName;

    /// <summary>The shape of every member's /64: the NetID's first five ASCII bytes, then the subnet's third octet.</summary>
    public string UlaPrefixPattern
    {
        get
        {
            var h = NetId.Value;
            return $"fd{(int)h[0]:x}:{(int)h[1]:x}{(int)h[2]:x}:{(int)h[3]:x}{(int)h[4]:x}:<third octet, hex>::/64";
        }
    }

    public static NetworkNames Derive(string owner, string name, IPNetwork? subnet = null)
    {
        var netId = NetId.Derive(owner, name);
        return new NetworkNames { Owner = owner, Name = name, NetId = netId, Subnet = subnet is { } s ? MemberSubnetNames.Derive(netId, s) : null };
    }
}
