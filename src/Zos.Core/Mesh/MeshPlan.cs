using Zos.Core.Networks;

namespace Zos.Core.Mesh;

/// <summary>The computed mesh of a user network: every member's peer list, ordered by member id.</summary>
public sealed record MeshPlan(UserNetwork Network, string? AccessNodeId, IReadOnlyList<MeshMemberConfig> Members)
{
    /// <summary>The configuration of member <paramref name="id"/>, or null (binary search: members are sorted ordinally).</summary>
    public MeshMemberConfig? Find(string id)
    {
        int lo = 0, hi = Members.Count - 1;
        while (lo <= hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            var c = string.CompareOrdinal(Members[mid].Id, id);
            if (c == 0)
                return Members[mid];
            if (c < 0)
                lo = mid + 1;
            else
                hi = mid - 1;
        }

        return null;
    }
}
