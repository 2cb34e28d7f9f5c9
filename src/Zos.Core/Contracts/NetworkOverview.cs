namespace Zos.Core.Contracts;

/// <summary><c>GET /api/v1/cockpit/networks/{netid}</c>: a network, its access node, its peer links and hidden members, in one answer.</summary>
public sealed record NetworkOverview(Network Network, string? AccessNodeId, IReadOnlyList<MeshLink> Links, IReadOnlyList<string> HiddenMembers, string? MeshError);
