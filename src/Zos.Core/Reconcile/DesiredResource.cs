using System.Globalization;
using System.Net;
using Zos.Core.Contracts;
using Zos.Core.Naming;
using Zos.Core.Primitives;

namespace Zos.Core.Reconcile;

/// <summary>
/// Everything one network resource must have on this node (zos-networking.md §4.4-4.5): names, the addresses of
/// each link inside <c>n-&lt;netid&gt;</c>, the routes, and the WireGuard configuration.
/// </summary>
public sealed record DesiredResource
{
    public const int WireGuardMtu = 1420;

    /// <summary>Keepalive the original sets on every peer (§4.4 step 7.2) when the registry gives none.</summary>
    public const int DefaultKeepalive = 20;

    public required NetId NetId { get; init; }

    public required string Name { get; init; }

    public required IPNetwork Range { get; init; }

    public required IPNetwork Subnet { get; init; }

    public required int ListenPort { get; init; }

    public required string PrivateKey { get; init; }

    public required IPAddress NdmzLease { get; init; }

    /// <summary>Addresses per link name inside the namespace (gateway macvlan, "public", w-&lt;netid&gt;).</summary>
    public required IReadOnlyDictionary<string, IReadOnlyList<InterfaceAddress>> Addresses { get; init; }

    public required IReadOnlyList<ResourceRoute> Routes { get; init; }

    public required IReadOnlyList<PeerSpec> Peers { get; init; }

    public string Namespace => NetId.NamespaceName;

    public string Bridge => NetId.BridgeName;

    public string GatewayLink => NetId.GatewayLinkName;

    public string WireGuardLink => NetId.WireGuardName;

    /// <summary>The gateway address workloads use: &lt;subnet&gt;.1.</summary>
    public IPAddress Gateway4 => Addresses[GatewayLink][0].Address;

    public IPAddress Gateway6 => Addresses[GatewayLink][1].Address;

    /// <summary>The ULA /64 of the gateway link (workloads' IPv6 addresses).</summary>
    public IPNetwork UlaSubnet => IpMath.NetworkOf(Gateway6, UlaAddress.PrefixLength);

    /// <summary>Key, port and peers of w-&lt;netid&gt;.</summary>
    public DesiredWireGuard WireGuard => new(PrivateKey, ListenPort, Peers);

    /// <summary>Builds the resource from the registry's part and the node's persisted entry; throws naming the field on bad input.</summary>
    public static DesiredResource From(NetworkPart part, PersistedNetwork persisted)
    {
        ArgumentNullException.ThrowIfNull(part);
        ArgumentNullException.ThrowIfNull(persisted);
        if (!NetId.TryParse(part.NetId, out var netId))
            throw new ArgumentException($"netId '{part.NetId}' is not a 13-character base58 NetID", nameof(part));
        if (!IPNetwork.TryParse(part.Range, out var range) || range.BaseAddress.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork)
            throw new ArgumentException($"network '{part.Name}': range '{part.Range}' is not an IPv4 prefix", nameof(part));
        if (!IPNetwork.TryParse(part.Subnet, out var subnet) || subnet.PrefixLength != 24
            || subnet.BaseAddress.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork)
            throw new ArgumentException($"network '{part.Name}': subnet '{part.Subnet}' is not an IPv4 /24", nameof(part));
        if (!IPAddress.TryParse(persisted.NdmzLease, out var lease))
            throw new ArgumentException($"network '{part.Name}': ndmzLease '{persisted.NdmzLease}' is not an IPv4 address", nameof(persisted));

        var gw4 = IpMath.FromUInt32(IpMath.ToUInt32(subnet.BaseAddress) + 1);
        var addresses = new Dictionary<string, IReadOnlyList<InterfaceAddress>>(StringComparer.Ordinal)
        {
            [netId.GatewayLinkName] =
            [
                new(gw4, 24),
                new(UlaAddress.Convert4to6(netId, gw4), UlaAddress.PrefixLength),
                new(NdmzLink.Gateway6, 64),
            ],
            [InterfaceNames.Public] =
            [
                new(lease, NdmzLink.Ipv4PrefixLength),
                new(NdmzLink.Ipv6ForLease(lease), NdmzLink.Ipv6PrefixLength),
            ],
            [netId.WireGuardName] = [new(WireGuardAddress.ForSubnet(subnet), WireGuardAddress.InterfacePrefixLength)],
        };
        List<ResourceRoute> routes =
        [
            new(IPNetwork.Parse("0.0.0.0/0"), NdmzLink.Gateway4, InterfaceNames.Public),
            new(IPNetwork.Parse("::/0"), NdmzLink.Gateway6, InterfaceNames.Public),
            new(range, null, netId.WireGuardName),
        ];
        // The IPv4 range covers every peer's subnet; the peers' ULA /64s have no such umbrella, so each gets a route
        // into the tunnel (WireGuard's allowed IPs then pick the peer).
        foreach (var prefix in part.Peers.SelectMany(p => p.AllowedIps).Distinct(StringComparer.Ordinal))
        {
            if (IPNetwork.TryParse(prefix, out var n) && n.BaseAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6)
                routes.Add(new ResourceRoute(n, null, netId.WireGuardName));
        }
        var peers = part.Peers
            .Select(p => p with { PersistentKeepalive = p.PersistentKeepalive ?? DefaultKeepalive })
            .ToList();
        return new DesiredResource
        {
            NetId = netId,
            Name = part.Name,
            Range = range,
            Subnet = subnet,
            ListenPort = persisted.ListenPort,
            PrivateKey = persisted.PrivateKey,
            NdmzLease = lease,
            Addresses = addresses,
            Routes = routes,
            Peers = peers,
        };
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Name} ({NetId}) {Subnet} port {ListenPort}");
}
