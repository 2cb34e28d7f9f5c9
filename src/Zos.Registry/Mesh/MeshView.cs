using Zos.Core.Contracts;

namespace Zos.Registry.Mesh;

/// <summary>The mesh of one network as the registry serves it: the access node, and the peers each member configures.</summary>
public sealed record MeshView(string? AccessNodeId, IReadOnlyDictionary<string, IReadOnlyList<PeerSpec>> PeersByMember, string? Error)
{
    public IReadOnlyList<PeerSpec> PeersOf(string memberId) => PeersByMember.TryGetValue(memberId, out var p) ? p : [];
}
