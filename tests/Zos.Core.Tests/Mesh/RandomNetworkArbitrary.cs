using System.Net;
using FsCheck;
using FsCheck.Fluent;

namespace Zos.Core.Tests.Mesh;

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
