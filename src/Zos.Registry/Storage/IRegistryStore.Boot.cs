using Zos.Core.Contracts;

namespace Zos.Registry.Storage;

/// <summary>
/// Boot history: the steps a farm's boot server saw per MAC (and the registry's own "registered" step), grouped into
/// boots and bounded by a <see cref="BootRetention"/>, kept across registry restarts and shared by registry
/// processes on one PostgreSQL.
/// </summary>
public partial interface IRegistryStore
{
    /// <summary>
    /// Adds steps (MACs normalised) of farm <paramref name="farmId"/>, then prunes to <paramref name="retention"/>.
    /// With <paramref name="onlyKnownMacs"/>, a MAC without stored steps in the farm gets none (a node that did not
    /// boot from the farm's boot server has no boot history to end).
    /// </summary>
    Task AddBootEventsAsync(uint farmId, IReadOnlyList<BootEventReport> events, bool onlyKnownMacs, BootRetention retention, CancellationToken ct);

    /// <summary>The steps of each MAC's latest boot in farm <paramref name="farmId"/>, by MAC then time.</summary>
    Task<IReadOnlyList<StoredBootEvent>> ListLatestBootsAsync(uint farmId, CancellationToken ct);

    /// <summary>Every stored step of <paramref name="mac"/> in farm <paramref name="farmId"/>, in time order.</summary>
    Task<IReadOnlyList<StoredBootEvent>> ListBootEventsAsync(uint farmId, string mac, CancellationToken ct);
}
