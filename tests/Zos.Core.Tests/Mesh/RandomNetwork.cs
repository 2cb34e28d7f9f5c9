using System.Net;
using FsCheck;
using FsCheck.Fluent;
using Zos.Core.Networks;
using Zos.Core.Tests.Networks;

namespace Zos.Core.Tests.Mesh;

/// <summary>What a generated member is: how it can be reached, or a user-access client.</summary>
public enum MemberShape
{
    Hidden,
    PublicIPv4,
    PublicIPv6,
    DualStack,
    UserAccess,
}

/// <summary>
/// A random network for property tests: member shapes in listing order, a salt that scrambles ids (so listing
/// order and id order differ) and whether an access node is configured explicitly.
/// </summary>
public sealed record RandomNetwork(MemberShape[] Shapes, int Salt, bool ConfigureAccessNode)
{
    public UserNetwork Build()
    {
        var members = new NetworkMember[Shapes.Length];
        for (var i = 0; i < Shapes.Length; i++)
        {
            // Distinct ids whose ordinal order is a permutation of i; the first member is always a node.
            var id = $"m{(i * 7919 + Salt) % 100_003:D6}-{i}";
            var subnet = $"10.20.{i + 2}.0/24";
            var v4 = $"203.0.{113 - (i / 250)}.{i % 250 + 1}";
            var v6 = $"2001:db8::{i + 1:x}";
            members[i] = Shapes[i] switch
            {
                MemberShape.PublicIPv4 => TestNetworks.Node(id, subnet, v4, null, 6000 + i),
                MemberShape.PublicIPv6 => TestNetworks.Node(id, subnet, null, v6, 6000 + i),
                MemberShape.DualStack => TestNetworks.Node(id, subnet, v4, v6, 6000 + i),
                MemberShape.UserAccess => TestNetworks.User(id, subnet),
                _ => TestNetworks.Node(id, subnet, null, null, 6000 + i),
            };
        }

        string? access = null;
        if (ConfigureAccessNode)
            access = members.FirstOrDefault(m => m.Kind == NetworkMemberKind.Node && m.PublicIPv4 is not null && m.PublicIPv6 is not null)?.Id;
        return TestNetworks.Network(members) with { AccessNodeId = access };
    }

    public override string ToString() => $"[{string.Join(", ", Shapes)}] salt {Salt}{(ConfigureAccessNode ? " configured access node" : "")}";
}

/// <summary>FsCheck generators for <see cref="RandomNetwork"/>: 1 to 40 members, mostly nodes, the first one always a node.</summary>
public static class RandomNetworkArbitrary
{
    public static Arbitrary<RandomNetwork> Networks()
    {
        var shape = Gen.Frequency(
            (3, Gen.Constant(MemberShape.Hidden)),
            (3, Gen.Constant(MemberShape.PublicIPv4)),
            (2, Gen.Constant(MemberShape.PublicIPv6)),
            (3, Gen.Constant(MemberShape.DualStack)),
            (1, Gen.Constant(MemberShape.UserAccess)));
        var nodeShape = shape.Where(s => s != MemberShape.UserAccess);
        var gen =
            from count in Gen.Choose(0, 39)
            from first in nodeShape
            from rest in Gen.ArrayOf(shape, count)
            from salt in Gen.Choose(0, 100_000)
            from configure in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
            select new RandomNetwork([first, .. rest], salt, configure);
        return Arb.From(gen, Shrink);
    }

    /// <summary>Shrinks by dropping members (keeping the first, a node) so a failure is reported on a small network.</summary>
    private static IEnumerable<RandomNetwork> Shrink(RandomNetwork network)
    {
        for (var i = network.Shapes.Length - 1; i >= 1; i--)
            yield return network with { Shapes = [.. network.Shapes[..i], .. network.Shapes[(i + 1)..]] };
    }

    internal static IPAddress Host(IPNetwork subnet, byte last)
    {
        var b = subnet.BaseAddress.GetAddressBytes();
        b[3] = last;
        return new IPAddress(b);
    }
}
