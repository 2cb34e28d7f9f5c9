using Zos.Core.Contracts;

namespace Zos.Registry.Cockpit;

/// <summary>
/// <c>GET /api/v1/cockpit/farms/{id}</c>: a farm (IP users filled in) and all its nodes with status and uptime, in one
/// answer; each node only with what the farm page shows (<see cref="FarmNodeLine"/>; the whole record is <c>/nodes/{id}</c>).
/// <see cref="Pending"/>: the nodes waiting for the farmer's approval (or refused), not part of the farm.
/// </summary>
public sealed record FarmOverview(Farm Farm, IReadOnlyList<FarmNodeLine> Nodes, TimeSpan DownAfter, DateTimeOffset Now, IReadOnlyList<PendingNodeLine>? Pending = null);
