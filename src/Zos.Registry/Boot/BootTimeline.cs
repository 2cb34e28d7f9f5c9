using Zos.Core.Contracts;
using Zos.Core.Primitives;
using Zos.Registry.Nodes;
using Zos.Registry.Storage;

namespace Zos.Registry.Boot;

/// <summary>
/// The farm's boot history from the store: each MAC's latest boot for the farm page's "booting" rows, and a MAC's last
/// boots as a timeline (every step from DHCP to "registered", with times) for its node or MAC page. Kept in the store,
/// so a registry restart loses nothing and every registry process on one PostgreSQL shows the same steps.
/// </summary>
public sealed class BootTimeline(IRegistryStore store, NodeService nodes)
{
    public static BootRetention Retention => BootRetention.Default;

    /// <summary>Stores steps the farm's boot server posted (MACs normalised already).</summary>
    public Task AddAsync(uint farmId, IReadOnlyList<BootEventReport> events, CancellationToken ct) =>
        store.AddBootEventsAsync(farmId, events, onlyKnownMacs: false, Retention, ct);

    /// <summary>Each MAC's latest boot, most recently active MAC first, and whether a node of the farm registered with it.</summary>
    public async Task<IReadOnlyList<BootActivity>> RecentAsync(uint farmId, CancellationToken ct)
    {
        var registered = await nodes.RegisteredMacsAsync(farmId, ct);
        var rows = await store.ListLatestBootsAsync(farmId, ct);
        return [.. rows.GroupBy(r => r.Event.Mac, StringComparer.Ordinal)
            .Select(g => g.Select(r => r.Event).OrderBy(e => e.Time).ToList())
            .OrderByDescending(steps => steps[^1].Time)
            .Select(steps =>
            {
                var last = steps[^1];
                return new BootActivity(last.Mac, last.Step, last.Time, last.Detail, registered.Contains(last.Mac), steps);
            })];
    }

    /// <summary>The last boots of <paramref name="mac"/> (any form <see cref="MacAddress"/> parses) in the farm, oldest first.</summary>
    public async Task<BootHistory> HistoryAsync(uint farmId, MacAddress mac, CancellationToken ct)
    {
        var text = mac.ToString();
        var registered = await nodes.RegisteredMacsAsync(farmId, ct);
        var rows = await store.ListBootEventsAsync(farmId, text, ct);
        return new BootHistory(text, registered.Contains(text), BootSegments.Runs(rows.Select(r => (r.BootStart, r.Event))), Retention.MaxBootsPerMac);
    }
}
