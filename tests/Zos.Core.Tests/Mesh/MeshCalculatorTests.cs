using System.Net;
using Xunit;
using Zos.Core.Mesh;
using Zos.Core.Networks;
using static Zos.Core.Tests.Networks.TestNetworks;

namespace Zos.Core.Tests.Mesh;

public class MeshCalculatorTests
{
    private static MeshPlan Plan(UserNetwork network)
    {
        var result = MeshCalculator.Compute(network);
        Assert.True(result.Succeeded, result.Error);
        return result.Plan!;
    }

    private static MeshPeer Peer(MeshPlan plan, string from, string to) => Assert.Single(plan.Find(from)!.Peers, p => p.MemberId == to);

    private static string[] Allowed(MeshPeer peer) => peer.AllowedIPs.Select(a => a.ToString()).ToArray();

    [Fact]
    public void Compute_TfgridExample_PublicNodeRoutesHiddenAndUserThroughAccessNode()
    {
        var plan = Plan(TfgridExample());
        Assert.Equal("node-a", plan.AccessNodeId);

        // zos-networking.md §6.3: on node 10.20.3.x the peer for the access node.
        var toAccess = Peer(plan, "node-b", "node-a");
        Assert.Equal(["10.20.2.0/24", "100.64.20.2/32", "10.20.5.0/24", "100.64.20.5/32", "10.20.6.0/24", "100.64.20.6/32"], Allowed(toAccess));
        Assert.Equal(IPEndPoint.Parse("203.0.113.31:5566"), toAccess.Endpoint);

        var toOther = Peer(plan, "node-b", "node-c");
        Assert.Equal(["10.20.4.0/24", "100.64.20.4/32"], Allowed(toOther));
        Assert.Equal(IPEndPoint.Parse("203.0.113.33:5568"), toOther.Endpoint);
        Assert.Equal(["node-a", "node-c"], plan.Find("node-b")!.Peers.Select(p => p.MemberId));
    }

    [Fact]
    public void Compute_TfgridExample_AccessNodeHoldsPassivePeersForHiddenAndUser()
    {
        var plan = Plan(TfgridExample());
        var access = plan.Find("node-a")!;
        Assert.True(access.IsAccessNode);
        Assert.Equal(["node-b", "node-c", "node-d", "user"], access.Peers.Select(p => p.MemberId));
        var hidden = Peer(plan, "node-a", "node-d");
        Assert.Null(hidden.Endpoint);
        Assert.Equal(["10.20.5.0/24", "100.64.20.5/32"], Allowed(hidden));
        var user = Peer(plan, "node-a", "user");
        Assert.Null(user.Endpoint);
        Assert.Equal(["10.20.6.0/24", "100.64.20.6/32"], Allowed(user));
        Assert.Equal(["10.20.3.0/24", "100.64.20.3/32"], Allowed(Peer(plan, "node-a", "node-b")));
    }

    [Theory]
    [InlineData("node-d")]
    [InlineData("user")]
    public void Compute_TfgridExample_HiddenMembersPeerOnlyWithAccessNode(string id)
    {
        var plan = Plan(TfgridExample());
        var peer = Assert.Single(plan.Find(id)!.Peers);
        Assert.Equal("node-a", peer.MemberId);
        Assert.Equal(["10.20.0.0/16", "100.64.0.0/16"], Allowed(peer));
        Assert.Equal(IPEndPoint.Parse("203.0.113.31:5566"), peer.Endpoint);
        Assert.Equal(MeshCalculator.NatKeepaliveSeconds, peer.PersistentKeepaliveSeconds);
    }

    [Fact]
    public void Compute_TfgridExample_WireGuardAddressesFromSubnets()
    {
        var plan = Plan(TfgridExample());
        Assert.Equal(["100.64.20.2", "100.64.20.3", "100.64.20.4", "100.64.20.5", "100.64.20.6"], plan.Members.Select(m => m.WireGuardAddress.ToString()));
    }

    [Fact]
    public void Compute_BothDualStack_UsesIpv6Endpoint()
    {
        var plan = Plan(Network(
            Node("a", "10.20.2.0/24", "203.0.113.1", "2001:db8::1", 5000),
            Node("b", "10.20.3.0/24", "203.0.113.2", "2001:db8::2", 5001),
            Node("c", "10.20.4.0/24", "203.0.113.3", null, 5002)));
        Assert.Equal(IPEndPoint.Parse("[2001:db8::2]:5001"), Peer(plan, "a", "b").Endpoint);
        Assert.Equal(IPEndPoint.Parse("[2001:db8::1]:5000"), Peer(plan, "b", "a").Endpoint);
        // c has no IPv6: both fall back to IPv4 with it.
        Assert.Equal(IPEndPoint.Parse("203.0.113.3:5002"), Peer(plan, "a", "c").Endpoint);
        Assert.Equal(IPEndPoint.Parse("203.0.113.1:5000"), Peer(plan, "c", "a").Endpoint);
        Assert.Null(plan.AccessNodeId);
    }

    [Fact]
    public void Compute_Ipv4OnlyAndIpv6Only_RelayedThroughDualStackAccessNode()
    {
        var plan = Plan(Network(
            Node("four", "10.20.2.0/24", "203.0.113.1", null, 5000),
            Node("six", "10.20.3.0/24", null, "2001:db8::3", 5001),
            Node("dual", "10.20.4.0/24", "203.0.113.4", "2001:db8::4", 5002)));
        Assert.Equal("dual", plan.AccessNodeId);
        var fourToDual = Assert.Single(plan.Find("four")!.Peers);
        Assert.Equal(IPEndPoint.Parse("203.0.113.4:5002"), fourToDual.Endpoint);
        Assert.Equal(["10.20.4.0/24", "100.64.20.4/32", "10.20.3.0/24", "100.64.20.3/32"], Allowed(fourToDual));
        var sixToDual = Assert.Single(plan.Find("six")!.Peers);
        Assert.Equal(IPEndPoint.Parse("[2001:db8::4]:5002"), sixToDual.Endpoint);
        Assert.Equal(["10.20.4.0/24", "100.64.20.4/32", "10.20.2.0/24", "100.64.20.2/32"], Allowed(sixToDual));
    }

    [Fact]
    public void Compute_PreferredAccessNodeStillServes_KeptOverABetterRankedMember()
    {
        // "b" (IPv4 only) was the access node when the laptop joined; "a" (dual-stack, first by id) reported later.
        var network = Network(
            Node("a", "10.20.2.0/24", "203.0.113.1", "2001:db8::1", 5000),
            Node("b", "10.20.3.0/24", "203.0.113.2", null, 5001),
            Node("hidden", "10.20.4.0/24", port: 5002),
            User("laptop", "10.20.5.0/24"));
        Assert.Equal("a", Plan(network).AccessNodeId);
        var kept = Plan(network with { PreferredAccessNodeId = "b" });
        Assert.Equal("b", kept.AccessNodeId);
        Assert.Equal(IPEndPoint.Parse("203.0.113.2:5001"), Assert.Single(kept.Find("laptop")!.Peers).Endpoint);
    }

    [Theory]
    [InlineData("hidden")] // no public endpoint: cannot be dialled
    [InlineData("gone")] // no longer a member
    public void Compute_PreferredAccessNodeCannotServe_MeshChoosesWithoutError(string preferred)
    {
        var network = Network(
            Node("a", "10.20.2.0/24", "203.0.113.1", "2001:db8::1", 5000),
            Node("hidden", "10.20.4.0/24", port: 5002),
            User("laptop", "10.20.5.0/24")) with { PreferredAccessNodeId = preferred };
        Assert.Equal("a", Plan(network).AccessNodeId);
    }

    [Fact]
    public void Compute_PreferredIpv4OnlyWithAnIpv6OnlyMember_DualStackChosenInstead()
    {
        var plan = Plan(Network(
            Node("four", "10.20.2.0/24", "203.0.113.1", null, 5000),
            Node("six", "10.20.3.0/24", null, "2001:db8::3", 5001),
            Node("dual", "10.20.4.0/24", "203.0.113.4", "2001:db8::4", 5002)) with { PreferredAccessNodeId = "four" });
        Assert.Equal("dual", plan.AccessNodeId);
    }

    [Fact]
    public void Compute_Ipv4OnlyAndIpv6OnlyWithoutDualStack_ClearError()
    {
        var result = MeshCalculator.Compute(Network(
            Node("four", "10.20.2.0/24", "203.0.113.1", null, 5000),
            Node("six", "10.20.3.0/24", null, "2001:db8::3", 5001)));
        Assert.False(result.Succeeded);
        Assert.Equal("no member can serve as access node: IPv4-only member 'four' and IPv6-only member 'six' share no IP family and no member is dual-stack", result.Error);
    }

    [Fact]
    public void Compute_HiddenWithoutPublicMember_ClearError()
    {
        var result = MeshCalculator.Compute(Network(Node("h1", "10.20.2.0/24"), Node("h2", "10.20.3.0/24", port: 5567)));
        Assert.Equal("member 'h1' is hidden and needs an access node, but no node member has a public endpoint", result.Error);
    }

    [Fact]
    public void Compute_SingleHiddenNode_NoAccessNodeNoPeers()
    {
        var plan = Plan(Network(Node("h1", "10.20.2.0/24")));
        Assert.Null(plan.AccessNodeId);
        Assert.Empty(plan.Members[0].Peers);
    }

    [Fact]
    public void Compute_AutomaticAccessNode_PrefersDualStackThenIpv4ThenId()
    {
        var v4 = Plan(Network(Node("b", "10.20.2.0/24", "203.0.113.2"), Node("a", "10.20.3.0/24", "203.0.113.1", port: 5567), Node("h", "10.20.4.0/24", port: 5568)));
        Assert.Equal("a", v4.AccessNodeId);
        var dual = Plan(Network(Node("a", "10.20.2.0/24", "203.0.113.2"), Node("z", "10.20.3.0/24", "203.0.113.1", "2001:db8::1", 5567), Node("h", "10.20.4.0/24", port: 5568)));
        Assert.Equal("z", dual.AccessNodeId);
        var v6 = Plan(Network(Node("a", "10.20.2.0/24", null, "2001:db8::2"), Node("b", "10.20.3.0/24", "203.0.113.1", "2001:db8::1", 5567), Node("h", "10.20.4.0/24", port: 5568)));
        Assert.Equal("b", v6.AccessNodeId);
    }

    [Fact]
    public void Compute_HiddenDialsIpv4OfDualStackAccessNode()
    {
        var plan = Plan(Network(Node("a", "10.20.2.0/24", "203.0.113.1", "2001:db8::1"), Node("h", "10.20.3.0/24", port: 5567)));
        Assert.Equal(IPEndPoint.Parse("203.0.113.1:5566"), Assert.Single(plan.Find("h")!.Peers).Endpoint);
    }

    [Fact]
    public void Compute_ConfiguredIpv6OnlyAccessNodeWithIpv4OnlyMember_ClearError()
    {
        var network = Network(Node("four", "10.20.2.0/24", "203.0.113.1"), Node("six", "10.20.3.0/24", null, "2001:db8::1", 5567), Node("dual", "10.20.4.0/24", "203.0.113.4", "2001:db8::4", 5568))
            with { AccessNodeId = "six" };
        Assert.Equal("access node 'six' is IPv6-only and cannot reach every public member; choose a dual-stack member", MeshCalculator.Compute(network).Error);
    }

    [Fact]
    public void Compute_MissingSubnet_ClearError()
    {
        Assert.Equal("member 'a' has no subnet (allocate subnets first)", MeshCalculator.Compute(Network(Node("a", null, "203.0.113.1"))).Error);
    }

    [Fact]
    public void Compute_FullPublicMesh_SharesPeerEntriesBetweenMembers()
    {
        var members = Enumerable.Range(0, 20).Select(i => Node($"n{i:D2}", $"10.20.{i + 2}.0/24", $"203.0.113.{i + 1}", port: 6000 + i)).ToArray();
        var plan = Plan(Network(members));
        Assert.All(plan.Members, m => Assert.Equal(19, m.Peers.Count));
        // n00 as seen by n01 and by n02 is the same instance: per-peer cost is a reference.
        Assert.Same(Peer(plan, "n01", "n00"), Peer(plan, "n02", "n00"));
    }
}
