using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Zos.Core.Contracts;
using Zos.Core.Mesh;
using Zos.Core.Naming;
using Zos.Core.Networks;
using Zos.Core.Primitives;
using Zos.Registry.Storage;

namespace Zos.Registry.Mesh;

/// <summary>
/// The single call between the registry's stored networks and Zos.Core's mesh: builds a <see cref="UserNetwork"/>
/// from the members' reported keys, ports and endpoints, runs <see cref="MeshCalculator"/> and turns the plan into
/// wire peers. Members that have not reported a key yet are left out of the mesh until they do.
/// </summary>
public static class MeshAdapter
{
    /// <summary>Stands for the private key in the wg-quick text the registry renders; the user's machine puts its own key there.</summary>
    public const string PrivateKeyMarker = "<PRIVATE-KEY>";

    public static MeshView Compute(StoredNetwork network, IReadOnlyDictionary<string, StoredNode> nodes) => Plan(network, nodes).View;

    public static (MeshView View, MeshPlan? Plan) Plan(StoredNetwork network, IReadOnlyDictionary<string, StoredNode> nodes)
    {
        var members = new List<NetworkMember>();
        foreach (var m in network.Document.Members)
        {
            var state = MemberState.Of(m, network.NetId, nodes);
            if (state.PublicKey is null)
                continue;
            var endpoints = state.Endpoints.Select(e => IPEndPoint.TryParse(e, out var ep) ? ep : null).OfType<IPEndPoint>().ToList();
            members.Add(new NetworkMember
            {
                Id = m.Id,
                Kind = m.Kind,
                Subnet = IPNetwork.Parse(m.Subnet),
                PublicKey = state.PublicKey,
                ListenPort = state.ListenPort ?? 0,
                PublicIPv4 = endpoints.FirstOrDefault(e => e.AddressFamily == AddressFamily.InterNetwork)?.Address,
                PublicIPv6 = endpoints.FirstOrDefault(e => e.AddressFamily == AddressFamily.InterNetworkV6)?.Address,
            });
        }
        if (members.Count == 0)
            return (new MeshView(null, new Dictionary<string, IReadOnlyList<PeerSpec>>(), null), null);
        var result = MeshCalculator.Compute(ToUserNetwork(network, members));
        if (result.Plan is not { } plan)
            return (new MeshView(null, new Dictionary<string, IReadOnlyList<PeerSpec>>(), result.Error), null);
        var peers = plan.Members.ToDictionary(
            c => c.Id,
            c => (IReadOnlyList<PeerSpec>)[.. c.Peers.Select(p => new PeerSpec(p.PublicKey, AllowedWithUla(network, p.AllowedIPs),
                p.Endpoint?.ToString(), p.PersistentKeepaliveSeconds))],
            StringComparer.Ordinal);
        return (new MeshView(plan.AccessNodeId, peers, null), plan);
    }

    /// <summary>
    /// The peer's IPv4 allowed IPs plus the IPv6 (ULA) prefixes of the same destinations, so workloads also talk over
    /// IPv6 (zos-networking.md §4.5): a member /24 brings its Convert4to6 /64, the whole range the network's /48.
    /// The mapping is one to one, so IPv6 prefixes overlap exactly when their IPv4 ones do (never, per the plan).
    /// </summary>
    private static IReadOnlyList<string> AllowedWithUla(StoredNetwork network, IReadOnlyList<IPNetwork> allowed)
    {
        var result = allowed.Select(a => a.ToString()).ToList();
        if (!NetId.TryParse(network.NetId, out var netId))
            return result;
        var range = IPNetwork.Parse(network.Document.Range);
        foreach (var a in allowed)
        {
            if (a.BaseAddress.AddressFamily != AddressFamily.InterNetwork || !range.Contains(a.BaseAddress))
                continue;
            if (a.PrefixLength == 24)
                result.Add(UlaAddress.PrefixForSubnet(netId, a).ToString());
            else if (a == range)
                result.Add(IpMath.NetworkOf(UlaAddress.Convert4to6(netId, range.BaseAddress), 48).ToString());
        }
        return result;
    }

    /// <summary>The next free /24 of the network for a new member (Zos.Core's <see cref="SubnetAllocator"/>); null with the reason when none.</summary>
    public static string? AllocateSubnet(StoredNetwork network, string newMemberId, out string? error)
    {
        var members = network.Document.Members
            .Select(m => new NetworkMember { Id = m.Id, Subnet = IPNetwork.Parse(m.Subnet), PublicKey = "" })
            .Append(new NetworkMember { Id = newMemberId, PublicKey = "" })
            .ToList();
        var allocation = SubnetAllocator.AssignMissing(ToUserNetwork(network, members));
        error = allocation.Errors.FirstOrDefault()?.Message;
        return allocation.Network?.Members.First(m => m.Id == newMemberId).Subnet?.ToString();
    }

    private static UserNetwork ToUserNetwork(StoredNetwork network, IReadOnlyList<NetworkMember> members) => new()
    {
        Owner = network.OwnerId.ToString(CultureInfo.InvariantCulture),
        Name = network.Name,
        IpRange = IPNetwork.Parse(network.Document.Range),
        PreferredAccessNodeId = network.Document.AccessNode,
        Members = members,
    };
}
