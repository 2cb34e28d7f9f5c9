namespace Zos.Core.Contracts;

/// <summary><c>GET /api/v1/cockpit/farms/{id}</c>: a farm (IP users filled in) and all its nodes with status and uptime, in one answer.</summary>
public sealed record FarmOverview(Farm Farm, IReadOnlyList<NodeView> Nodes, TimeSpan DownAfter, DateTimeOffset Now);
