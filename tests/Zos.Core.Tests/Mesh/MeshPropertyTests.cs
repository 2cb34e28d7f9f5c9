using System.Net;
using System.Text.Json;
using FsCheck.Xunit;
using Xunit;
using Zos.Core.Mesh;
using Zos.Core.Naming;
using Zos.Core.Networks;

namespace Zos.Core.Tests.Mesh;

/// <summary>Invariants of the mesh over random networks, which no example table covers: reachability, no overlap, hidden via access node, determinism.</summary>
[Properties(Arbitrary = [typeof(RandomNetworkArbitrary)], MaxTest = 100)]
public class MeshPropertyTests
{
    /// <summary>The mesh either succeeds, or fails exactly when no access node is possible.</summary>
    private static MeshPlan? PlanOrExpectedFailure(RandomNetwork random)
    {
        var network = random.Build();
        Assert.Empty(NetworkValidator.Validate(network));
        var result = MeshCalculator.Compute(network);
        var shapes = random.Shapes;
        var hidden = shapes.Count(s => s is MemberShape.Hidden or MemberShape.UserAccess);
        var anyPublic = shapes.Any(s => s is MemberShape.PublicIPv4 or MemberShape.PublicIPv6 or MemberShape.DualStack);
        var mixedWithoutDual = shapes.Contains(MemberShape.PublicIPv4) && shapes.Contains(MemberShape.PublicIPv6) && !shapes.Contains(MemberShape.DualStack);
        var impossible = (hidden > 0 && shapes.Length > 1 && !anyPublic) || mixedWithoutDual;
        Assert.Equal(!impossible, result.Succeeded);
        return result.Plan;
    }

    [Property]
    public void Compute_EveryPairReachesTheOtherSubnet_OneEntryPerHop(RandomNetwork random)
    {
        if (PlanOrExpectedFailure(random) is not { } plan)
            return;
        foreach (var source in plan.Members)
        {
            foreach (var destination in plan.Members)
            {
                if (source == destination)
                    continue;
                var fromHost = RandomNetworkArbitrary.Host(source.Subnet, 10);
                var toHost = RandomNetworkArbitrary.Host(destination.Subnet, 20);
                Route(plan, source, destination, fromHost, toHost);
                Route(plan, source, destination, source.WireGuardAddress, destination.WireGuardAddress);
            }
        }
    }

    /// <summary>
    /// Follows a packet hop by hop: at each member exactly one peer entry covers the destination (that is the
    /// route WireGuard takes); the receiving member must have an entry for the sender whose allowed IPs cover the
    /// source (WireGuard drops it otherwise); one side of each hop must know the other's endpoint; at most two hops.
    /// </summary>
    private static void Route(MeshPlan plan, MeshMemberConfig source, MeshMemberConfig destination, IPAddress from, IPAddress to)
    {
        var current = source;
        for (var hops = 0; current != destination; hops++)
        {
            Assert.True(hops < 2, $"{from} -> {to}: more than two hops (at {current.Id})");
            var matches = current.Peers.Where(p => p.AllowedIPs.Any(a => a.Contains(to))).ToList();
            Assert.True(matches.Count == 1, $"{from} -> {to}: at {current.Id} {matches.Count} peers cover the destination");
            var next = plan.Find(matches[0].MemberId)!;
            var back = next.Peers.SingleOrDefault(p => p.PublicKey == current.Member.PublicKey);
            Assert.True(back is not null, $"{from} -> {to}: {next.Id} has no peer entry for {current.Id}");
            Assert.True(back.AllowedIPs.Any(a => a.Contains(from)), $"{from} -> {to}: {next.Id} would drop the source arriving from {current.Id}");
            Assert.True(matches[0].Endpoint is not null || back.Endpoint is not null, $"{current.Id} and {next.Id} both lack the other's endpoint");
            current = next;
        }
    }

    [Property]
    public void Compute_AllowedIpsNeverOverlapWithinOneMember(RandomNetwork random)
    {
        if (PlanOrExpectedFailure(random) is not { } plan)
            return;
        foreach (var member in plan.Members)
        {
            // Sweep the prefixes sorted by first address: each must start after every earlier one ends.
            var spans = member.Peers
                .SelectMany(p => p.AllowedIPs.Select(a => (Start: ToUInt(a.BaseAddress), End: ToUInt(a.BaseAddress) + (1UL << (32 - a.PrefixLength)) - 1, Prefix: a, Peer: p.MemberId)))
                .OrderBy(s => s.Start)
                .ToList();
            for (int i = 1, widestIndex = 0; i < spans.Count; i++)
            {
                var widest = spans[widestIndex];
                Assert.True(spans[i].Start > widest.End, $"{member.Id}: {spans[i].Prefix} (peer {spans[i].Peer}) overlaps {widest.Prefix} (peer {widest.Peer})");
                if (spans[i].End > widest.End)
                    widestIndex = i;
            }

            Assert.Equal(member.Peers.Count, member.Peers.Select(p => p.PublicKey).Distinct().Count());
            Assert.DoesNotContain(member.Peers, p => p.MemberId == member.Id);
        }
    }

    [Property]
    public void Compute_HiddenMembersPeerOnlyWithAccessNode(RandomNetwork random)
    {
        if (PlanOrExpectedFailure(random) is not { } plan)
            return;
        var hiddenIds = plan.Members.Where(m => m.Member.IsHidden).Select(m => m.Id).ToHashSet();
        foreach (var member in plan.Members)
        {
            if (member.Member.IsHidden)
            {
                if (plan.Members.Count > 1)
                    Assert.Equal(plan.AccessNodeId, Assert.Single(member.Peers).MemberId);
                Assert.All(member.Peers, p => Assert.NotNull(p.Endpoint));
            }
            else if (!member.IsAccessNode)
            {
                Assert.DoesNotContain(member.Peers, p => hiddenIds.Contains(p.MemberId));
            }
        }
    }

    [Property]
    public void Compute_SameInputOrShuffled_SameResult(RandomNetwork random)
    {
        var network = random.Build();
        var first = Render(MeshCalculator.Compute(network));
        Assert.Equal(first, Render(MeshCalculator.Compute(network)));
        var shuffled = network.Members.ToArray();
        new Random(random.Salt).Shuffle(shuffled);
        Assert.Equal(first, Render(MeshCalculator.Compute(network with { Members = shuffled })));
        // Large meshes keep all peer lists in one array: same result.
        Assert.Equal(first, Render(MeshCalculator.Compute(network, singleArrayThreshold: 0)));
    }

    private static ulong ToUInt(IPAddress address)
    {
        var b = address.GetAddressBytes();
        return (ulong)b[0] << 24 | (ulong)b[1] << 16 | (ulong)b[2] << 8 | b[3];
    }

    private static string Render(MeshResult result)
    {
        if (result.Plan is null)
            return "error: " + result.Error;
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
            MeshPlanJson.Write(result.Plan, json);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
