using System.Net;
using Zos.Core.Networks;

namespace Zos.Core.Mesh;

/// <summary>The WireGuard configuration the mesh computes for one member: its address and its peers, ordered by member id.</summary>
public sealed record MeshMemberConfig(NetworkMember Member, IPAddress WireGuardAddress, bool IsAccessNode, IReadOnlyList<MeshPeer> Peers)
{
    public string Id => Member.Id;

    /// <summary>The member's /24 (always set: the mesh requires allocated subnets).</summary>
    public IPNetwork Subnet => Member.Subnet ?? throw new InvalidOperationException($"member '{Member.Id}' has no subnet");
}
