namespace Zos.Core.Contracts;

/// <summary>Body of <c>PUT /api/v1/nodes/{id}/report</c>: the node's actual state, per network, and the desired-state version it applied.</summary>
public sealed record NodeReport(long AppliedVersion, IReadOnlyList<NetworkReport> Networks, IReadOnlyList<string>? Errors = null);
