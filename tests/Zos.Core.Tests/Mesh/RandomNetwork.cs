using Zos.Core.Networks;
using Zos.Core.Tests.Networks;

namespace Zos.Core.Tests.Mesh;

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
