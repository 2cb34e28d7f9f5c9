using Zos.Core.Contracts;

namespace Zos.Registry.Boot;

/// <summary>
/// Recent boot steps per farm and MAC, kept in a bounded in-memory log rather than a table: the steps are the progress
/// of boots in flight ("booting since 12:03, kernel fetched"), worth showing for minutes until the node registers, and a
/// registry restart loses nothing a farmer needs (the boot server posts the next steps as they happen). A table would
/// add a migration to both stores for data that is stale by the time it could be read back. Every dimension is
/// bounded (farms, MACs per farm, steps per MAC; the least recently active go first), so a boot server posting floods
/// cannot grow the registry's memory. Known limit: with several registry instances on one PostgreSQL, each instance
/// shows the steps posted to it.
/// </summary>
public sealed class BootActivityLog(int maxFarms = 1000, int maxMacsPerFarm = 1000, int maxEventsPerMac = 16)
{
    private readonly Dictionary<uint, Dictionary<string, List<BootEventReport>>> _farms = [];
    private readonly Lock _lock = new();

    public int MaxEventsPerMac { get; } = maxEventsPerMac;

    /// <summary>Adds steps (MACs already normalised); each MAC keeps its newest <see cref="MaxEventsPerMac"/> steps in time order.</summary>
    public void Add(uint farmId, IEnumerable<BootEventReport> events)
    {
        lock (_lock)
        {
            if (!_farms.TryGetValue(farmId, out var macs))
            {
                if (_farms.Count >= maxFarms)
                    _farms.Remove(_farms.MinBy(f => Latest(f.Value)).Key);
                _farms[farmId] = macs = new Dictionary<string, List<BootEventReport>>(StringComparer.Ordinal);
            }
            foreach (var e in events)
            {
                if (!macs.TryGetValue(e.Mac, out var steps))
                {
                    if (macs.Count >= maxMacsPerFarm)
                        macs.Remove(macs.MinBy(m => m.Value[^1].Time).Key);
                    macs[e.Mac] = steps = [];
                }
                var at = steps.FindLastIndex(s => s.Time <= e.Time) + 1;
                steps.Insert(at, e);
                if (steps.Count > MaxEventsPerMac)
                    steps.RemoveAt(0);
            }
        }
    }

    /// <summary>The farm's MACs with their steps (oldest first), most recently active MAC first.</summary>
    public IReadOnlyList<(string Mac, IReadOnlyList<BootEventReport> Events)> Recent(uint farmId)
    {
        lock (_lock)
        {
            if (!_farms.TryGetValue(farmId, out var macs))
                return [];
            return [.. macs.OrderByDescending(m => m.Value[^1].Time).Select(m => (m.Key, (IReadOnlyList<BootEventReport>)[.. m.Value]))];
        }
    }

    private static DateTimeOffset Latest(Dictionary<string, List<BootEventReport>> macs) =>
        macs.Count == 0 ? DateTimeOffset.MinValue : macs.Values.Max(s => s[^1].Time);
}
