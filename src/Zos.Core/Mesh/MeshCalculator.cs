using System.Net;
using Zos.Core.Naming;
using Zos.Core.Networks;

namespace Zos.Core.Mesh;

/// <summary>
/// Computes every member's WireGuard peers from the members' reachability, keys and ports (what tfgrid-sdk-go
/// does client side, zos-networking.md §6.3), with these changes:
/// <list type="bullet">
/// <item>IPv6 first: two members that both have a public IPv6 use it; IPv4 is the fallback.</item>
/// <item>Public members that share no family (IPv4-only and IPv6-only) are relayed through the access node
/// instead of getting an endpoint they cannot reach.</item>
/// <item>Every destination has exactly one next hop per member, so no two peers of one interface carry
/// overlapping allowed IPs (WireGuard would silently move the prefix to the last peer set).</item>
/// <item>Deterministic: members are processed in ordinal order of their id, whatever order they are listed in.</item>
/// </list>
/// Hidden members and user access peer only with the access node (allowed IPs: the whole range and
/// 100.64.0.0/16); the access node holds a passive peer for each of them and every other public member reaches
/// them through the access node. The input must be valid (<see cref="NetworkValidator"/>) with subnets assigned.
/// </summary>
public static class MeshCalculator
{
    /// <summary>Keepalive for members behind NAT, as the original's wg-quick config uses; 25 s is below common UDP NAT timeouts.</summary>
    public const int NatKeepaliveSeconds = 25;

    /// <summary>Total peer entries above which all peer lists share one array (measured crossover between 1,000 and 5,000 members).</summary>
    private const long SingleArrayThreshold = 2_000_000;

    public static MeshResult Compute(UserNetwork network) => Compute(network, SingleArrayThreshold);

    /// <summary>As <see cref="Compute(UserNetwork)"/>; tests lower <paramref name="singleArrayThreshold"/> to cover both layouts.</summary>
    internal static MeshResult Compute(UserNetwork network, long singleArrayThreshold)
    {
        var members = network.Members.ToArray();
        Array.Sort(members, static (a, b) => string.CompareOrdinal(a.Id, b.Id));
        var n = members.Length;
        for (var i = 0; i < n; i++)
        {
            if (members[i].Subnet is null)
                return MeshResult.Fail($"member '{members[i].Id}' has no subnet (allocate subnets first)");
            if (i > 0 && members[i].Id == members[i - 1].Id)
                return MeshResult.Fail($"member id '{members[i].Id}' is listed twice");
        }

        var families = new IpFamilies[n];
        int hiddenCount = 0, v4Only = 0, v6Only = 0;
        for (var i = 0; i < n; i++)
        {
            families[i] = FamiliesOf(members[i]);
            switch (families[i])
            {
                case IpFamilies.None: hiddenCount++; break;
                case IpFamilies.IPv4: v4Only++; break;
                case IpFamilies.IPv6: v6Only++; break;
            }
        }

        var access = ChooseAccessNode(network, members, families, hiddenCount, v4Only, v6Only, out var error);
        if (error is not null)
            return MeshResult.Fail(error);

        // Per member: its own allowed IPs [subnet, wg/32] and endpoints, built once and shared by every peer entry.
        var own = new IPNetwork[n][];
        var wgAddresses = new IPAddress[n];
        var direct4 = new MeshPeer?[n];
        var direct6 = new MeshPeer?[n];
        var passive = new MeshPeer?[n];
        for (var i = 0; i < n; i++)
        {
            var m = members[i];
            wgAddresses[i] = WireGuardAddress.ForSubnet(m.Subnet!.Value);
            own[i] = [m.Subnet.Value, new IPNetwork(wgAddresses[i], 32)];
            if (m.PublicIPv4 is { } v4 && families[i].HasFlag(IpFamilies.IPv4))
                direct4[i] = new MeshPeer(m.Id, m.PublicKey, own[i], new IPEndPoint(v4, m.ListenPort), null);
            if (m.PublicIPv6 is { } v6 && families[i].HasFlag(IpFamilies.IPv6))
                direct6[i] = new MeshPeer(m.Id, m.PublicKey, own[i], new IPEndPoint(v6, m.ListenPort), null);
            if (families[i] == IpFamilies.None)
                passive[i] = new MeshPeer(m.Id, m.PublicKey, own[i], null, null);
        }

        var relay = access >= 0 ? new RelayEntries(network, members, families, own, direct4, direct6, access, v4Only > 0 && v6Only > 0) : null;

        // Peer list sizes are known up front. Up to a few million entries each member gets its own array (gen0
        // allocations); beyond that all lists are segments of one array, because promoting millions of
        // references through the GC generations costs more than one large-object allocation (bench/README.md).
        var publicCount = n - hiddenCount;
        var total = 0L;
        for (var x = 0; x < n; x++)
        {
            if (families[x] != IpFamilies.None)
                total += x == access ? n - 1 : PublicPeerCount(families[x], publicCount, v4Only, v6Only);
        }

        var shared = total > singleArrayThreshold ? new MeshPeer[total] : null;
        var offset = 0;
        var configs = new MeshMemberConfig[n];
        for (var x = 0; x < n; x++)
        {
            if (families[x] == IpFamilies.None)
            {
                // Hidden members all hold the relay's one-entry list.
                configs[x] = new MeshMemberConfig(members[x], wgAddresses[x], false, relay?.FromHidden ?? []);
                continue;
            }

            var count = x == access ? n - 1 : PublicPeerCount(families[x], publicCount, v4Only, v6Only);
            var separate = shared is null ? new MeshPeer[count] : null;
            var peers = shared is null ? separate.AsSpan() : shared.AsSpan(offset, count);
            var filled = 0;
            for (var y = 0; y < n; y++)
            {
                if (y == x)
                    continue;
                if (x == access)
                {
                    peers[filled++] = families[y] == IpFamilies.None ? passive[y]! : Direct(families[x], y, direct4, direct6)!;
                }
                else if (families[y] == IpFamilies.None)
                {
                    // hidden members are reached through the access node's entry
                }
                else if (y == access)
                {
                    peers[filled++] = relay!.ToAccessNode(families[x]);
                }
                else if (Direct(families[x], y, direct4, direct6) is { } entry)
                {
                    peers[filled++] = entry; // no entry when x and y share no family: y is in the access node's allowed IPs
                }
            }

            System.Diagnostics.Debug.Assert(filled == count, "peer count formula and peer list disagree");
            IReadOnlyList<MeshPeer> list = separate ?? (IReadOnlyList<MeshPeer>)new ArraySegment<MeshPeer>(shared!, offset, count);
            offset += count;
            configs[x] = new MeshMemberConfig(members[x], wgAddresses[x], x == access, list);
        }

        return MeshResult.Ok(new MeshPlan(network, access >= 0 ? members[access].Id : null, configs));
    }

    /// <summary>Peers of a public member that is not the access node: every other public member, except those of the other family when it has one family only.</summary>
    private static int PublicPeerCount(IpFamilies from, int publicCount, int v4Only, int v6Only) => from switch
    {
        IpFamilies.IPv4 => publicCount - 1 - v6Only,
        IpFamilies.IPv6 => publicCount - 1 - v4Only,
        _ => publicCount - 1,
    };

    /// <summary>The public families of a member; user access is always treated as hidden (a client dials out).</summary>
    public static IpFamilies FamiliesOf(NetworkMember member)
    {
        if (member.Kind == NetworkMemberKind.UserAccess)
            return IpFamilies.None;
        var families = IpFamilies.None;
        if (member.PublicIPv4 is not null)
            families |= IpFamilies.IPv4;
        if (member.PublicIPv6 is not null)
            families |= IpFamilies.IPv6;
        return families;
    }

    /// <summary>The entry a member with <paramref name="from"/> families uses to reach public member y directly: IPv6 when both have it, else IPv4, else null.</summary>
    private static MeshPeer? Direct(IpFamilies from, int y, MeshPeer?[] direct4, MeshPeer?[] direct6)
    {
        if (from.HasFlag(IpFamilies.IPv6) && direct6[y] is { } six)
            return six;
        if (from.HasFlag(IpFamilies.IPv4) && direct4[y] is { } four)
            return four;
        return null;
    }

    /// <summary>
    /// Index of the access node, or -1 when none is needed. One is needed when a hidden member must talk to anyone,
    /// or when IPv4-only and IPv6-only members must be relayed. It must share a family with every public member:
    /// the configured one if it can; else the preferred (earlier) one while it can; else dual-stack first, then IPv4
    /// (what NATed hidden members can most likely dial), then IPv6; ties broken by id.
    /// </summary>
    private static int ChooseAccessNode(UserNetwork network, NetworkMember[] members, IpFamilies[] families,
        int hiddenCount, int v4Only, int v6Only, out string? error)
    {
        error = null;
        var n = members.Length;
        bool CanRelay(int i) => families[i] == IpFamilies.DualStack
            || (families[i] == IpFamilies.IPv4 && v6Only == 0)
            || (families[i] == IpFamilies.IPv6 && v4Only == 0);

        if (network.AccessNodeId is { } configured)
        {
            var index = Array.FindIndex(members, m => m.Id == configured);
            if (index < 0 || families[index] == IpFamilies.None)
            {
                error = $"access node '{configured}' is not a member with a public endpoint";
                return -1;
            }

            if (!CanRelay(index))
            {
                error = $"access node '{configured}' is {Describe(families[index])} and cannot reach every public member; choose a dual-stack member";
                return -1;
            }

            return index;
        }

        var needed = (hiddenCount > 0 && n > 1) || (v4Only > 0 && v6Only > 0);
        if (!needed)
            return -1;

        if (network.PreferredAccessNodeId is { } preferred
            && Array.FindIndex(members, m => m.Id == preferred) is var kept and >= 0
            && families[kept] != IpFamilies.None && CanRelay(kept))
            return kept;

        var best = -1;
        for (var i = 0; i < n; i++)
        {
            if (families[i] != IpFamilies.None && CanRelay(i) && (best < 0 || Rank(families[i]) < Rank(families[best])))
                best = i; // members are sorted by id, so the first of a rank wins ties
        }

        if (best >= 0)
            return best;
        if (v4Only + v6Only == 0)
        {
            var hidden = Array.FindIndex(families, f => f == IpFamilies.None);
            error = $"member '{members[hidden].Id}' is hidden and needs an access node, but no node member has a public endpoint";
        }
        else
        {
            var a = Array.FindIndex(families, f => f == IpFamilies.IPv4);
            var b = Array.FindIndex(families, f => f == IpFamilies.IPv6);
            error = $"no member can serve as access node: IPv4-only member '{members[a].Id}' and IPv6-only member '{members[b].Id}' share no IP family and no member is dual-stack";
        }

        return -1;
    }

    private static int Rank(IpFamilies f) => f switch
    {
        IpFamilies.DualStack => 0,
        IpFamilies.IPv4 => 1,
        _ => 2,
    };

    private static string Describe(IpFamilies f) => f switch
    {
        IpFamilies.IPv4 => "IPv4-only",
        IpFamilies.IPv6 => "IPv6-only",
        IpFamilies.DualStack => "dual-stack",
        _ => "hidden",
    };

    /// <summary>
    /// The entries that go through the access node, built once per network: the one every hidden member holds,
    /// and the one public members hold for the access node (its own subnet plus every hidden member's, plus, for
    /// single-family members, the members of the other family), one instance per sender family.
    /// </summary>
    private sealed class RelayEntries
    {
        private readonly MeshPeer?[] _toAccess = new MeshPeer?[4];

        public RelayEntries(UserNetwork network, NetworkMember[] members, IpFamilies[] families, IPNetwork[][] own,
            MeshPeer?[] direct4, MeshPeer?[] direct6, int access, bool mixedSingleFamilies)
        {
            var a = members[access];

            // Hidden members know nothing about their own stack; IPv4 is what a NATed host can most likely dial.
            var hiddenEndpoint = direct4[access]?.Endpoint ?? direct6[access]!.Endpoint;
            FromHidden = [new MeshPeer(a.Id, a.PublicKey, [network.IpRange, WireGuardAddress.Range], hiddenEndpoint, NatKeepaliveSeconds)];

            var common = new List<IPNetwork>(own[access]);
            var forV4Only = new List<IPNetwork>();
            var forV6Only = new List<IPNetwork>();
            for (var i = 0; i < members.Length; i++)
            {
                if (i == access)
                    continue;
                if (families[i] == IpFamilies.None)
                    common.AddRange(own[i]);
                else if (mixedSingleFamilies && families[i] == IpFamilies.IPv6)
                    forV4Only.AddRange(own[i]);
                else if (mixedSingleFamilies && families[i] == IpFamilies.IPv4)
                    forV6Only.AddRange(own[i]);
            }

            var commonArray = common.ToArray();
            foreach (var from in (ReadOnlySpan<IpFamilies>)[IpFamilies.IPv4, IpFamilies.IPv6, IpFamilies.DualStack])
            {
                var via = Direct(from, access, direct4, direct6);
                if (via is null)
                    continue; // a sender of this family cannot exist: the access node shares a family with every public member
                IReadOnlyList<IPNetwork> allowed = from switch
                {
                    IpFamilies.IPv4 when forV4Only.Count > 0 => [.. commonArray, .. forV4Only],
                    IpFamilies.IPv6 when forV6Only.Count > 0 => [.. commonArray, .. forV6Only],
                    _ => commonArray,
                };
                _toAccess[(int)from] = new MeshPeer(a.Id, a.PublicKey, allowed, via.Endpoint, null);
            }
        }

        /// <summary>The single peer list of every hidden member and user access.</summary>
        public MeshPeer[] FromHidden { get; }

        public MeshPeer ToAccessNode(IpFamilies from) => _toAccess[(int)from]!;
    }
}
