using Zos.Core.Contracts;
using Zos.Core.Networks;
using Zos.Registry.Storage;

namespace Zos.Registry.Mesh;

/// <summary>A member's WireGuard facts: from the node's latest report (nodes) or from the join (user access).</summary>
public sealed record MemberState(StoredMember Member, string? PublicKey, int? ListenPort, IReadOnlyList<string> Endpoints)
{
    public static MemberState Of(StoredMember member, string netId, IReadOnlyDictionary<string, StoredNode> nodes)
    {
        if (member.Kind != NetworkMemberKind.Node)
            return new MemberState(member, member.PublicKey, null, []);
        var report = nodes.TryGetValue(member.Id, out var node) ? node.Report?.Networks.FirstOrDefault(n => n.NetId == netId) : null;
        return report is null
            ? new MemberState(member, null, member.ListenPort, [])
            : new MemberState(member, report.PublicKey, report.ListenPort, report.Endpoints);
    }

    public NetworkMemberView ToView() => new(Member.Kind, Member.Id, Member.Subnet, PublicKey, ListenPort, Endpoints);
}
