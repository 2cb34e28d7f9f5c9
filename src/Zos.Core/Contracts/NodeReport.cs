namespace Zos.Core.Contracts;

/// <summary>
/// Body of <c>PUT /api/v1/nodes/{id}/report</c>: the node's actual state, per network, the desired-state version it
/// applied, and its public side (br-pub uplink, public config applied or refused).
/// </summary>
public sealed record NodeReport(long AppliedVersion, IReadOnlyList<NetworkReport> Networks, IReadOnlyList<string>? Errors = null, NodePublicReport? Public = null);
