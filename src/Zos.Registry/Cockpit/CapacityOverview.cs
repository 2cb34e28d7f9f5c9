namespace Zos.Registry.Cockpit;

/// <summary><c>GET /api/v1/cockpit/capacity</c>: every farm's capacity line and the number of orphan nodes, in one answer.</summary>
public sealed record CapacityOverview(IReadOnlyList<FarmCapacity> Farms, int OrphanNodes, DateTimeOffset Now);
