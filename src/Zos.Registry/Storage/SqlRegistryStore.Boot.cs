using System.Data.Common;
using Zos.Core.Contracts;
using Zos.Registry.Boot;

namespace Zos.Registry.Storage;

/// <summary>Boot history in <c>boot_events</c>: one row per step, with the boot it belongs to (<see cref="BootSegments"/>).</summary>
public abstract partial class SqlRegistryStore
{
    private const string BootEventColumns = "mac, boot_start, seen_at, step, client, detail";

    /// <summary>
    /// Boot history (issue 18), a step of its own: the boot server's steps per farm and MAC, which lived in the
    /// registry's memory before and vanished with it. <c>boot_start</c> (the time of the boot's first step) groups a
    /// MAC's rows into boots, so the latest boot of every MAC is one indexed query; the rows go with their farm.
    /// </summary>
    private string[] BootEventsMigration() =>
    [
        $"CREATE TABLE boot_events (id {AutoIdColumn}, farm_id BIGINT NOT NULL REFERENCES farms (id) ON DELETE CASCADE, mac TEXT NOT NULL, " +
        "boot_start BIGINT NOT NULL, seen_at BIGINT NOT NULL, step TEXT NOT NULL, client TEXT NULL, detail TEXT NOT NULL)",
        "CREATE INDEX boot_events_mac ON boot_events (farm_id, mac, boot_start)",
    ];

    public Task AddBootEventsAsync(uint farmId, IReadOnlyList<BootEventReport> events, bool onlyKnownMacs, BootRetention retention, CancellationToken ct) =>
        WriteAsync((c, tx) =>
        {
            var farm = (long)farmId;
            var touched = false;
            foreach (var mac in events.GroupBy(e => e.Mac, StringComparer.Ordinal))
            {
                if (onlyKnownMacs && Scalar(c, tx, "SELECT 1 FROM boot_events WHERE farm_id = @f AND mac = @m LIMIT 1", ("f", farm), ("m", mac.Key)) is null)
                    continue;
                foreach (var e in mac)
                {
                    var time = e.Time.ToUnixTimeMilliseconds();
                    // The boot it starts for now; ResegmentBoots puts it in its boot.
                    Exec(c, tx, "INSERT INTO boot_events (farm_id, mac, boot_start, seen_at, step, client, detail) VALUES (@f, @m, @t, @t, @s, @c, @d)",
                        ("f", farm), ("m", mac.Key), ("t", time), ("s", e.Step), ("c", e.Client), ("d", e.Detail));
                }
                ResegmentBoots(c, tx, farm, mac.Key, retention);
                touched = true;
            }
            if (touched)
                PruneBootMacs(c, tx, farm, retention.MaxMacsPerFarm);
            return 0;
        }, ct);

    /// <summary>Gives each row of the MAC its boot (steps may arrive late and out of order) and deletes what the retention drops.</summary>
    private static void ResegmentBoots(DbConnection c, DbTransaction tx, long farm, string mac, BootRetention retention)
    {
        var rows = new List<(long Id, string Step, long Time, long BootStart)>();
        using (var cmd = Command(c, tx, "SELECT id, step, seen_at, boot_start FROM boot_events WHERE farm_id = @f AND mac = @m ORDER BY seen_at, id", ("f", farm), ("m", mac)))
        using (var r = cmd.ExecuteReader())
        {
            while (r.Read())
                rows.Add((r.GetInt64(0), r.GetString(1), r.GetInt64(2), r.GetInt64(3)));
        }
        var starts = BootSegments.BootStarts([.. rows.Select(x => (x.Step, x.Time))]);
        var dropped = BootSegments.Pruned(starts, retention.MaxBootsPerMac, retention.MaxStepsPerMac).ToHashSet();
        for (var i = 0; i < rows.Count; i++)
        {
            if (dropped.Contains(i))
                Exec(c, tx, "DELETE FROM boot_events WHERE id = @id", ("id", rows[i].Id));
            else if (rows[i].BootStart != starts[i])
                Exec(c, tx, "UPDATE boot_events SET boot_start = @b WHERE id = @id", ("b", starts[i]), ("id", rows[i].Id));
        }
    }

    /// <summary>Keeps the <paramref name="max"/> most recently active MACs of the farm; a flood of invented MACs pushes out the oldest, not the registry's disk.</summary>
    private static void PruneBootMacs(DbConnection c, DbTransaction tx, long farm, int max)
    {
        var macs = new List<string>();
        using (var cmd = Command(c, tx, "SELECT mac FROM boot_events WHERE farm_id = @f GROUP BY mac ORDER BY MAX(seen_at) DESC, mac", ("f", farm)))
        using (var r = cmd.ExecuteReader())
        {
            while (r.Read())
                macs.Add(r.GetString(0));
        }
        foreach (var mac in macs.Skip(max))
            Exec(c, tx, "DELETE FROM boot_events WHERE farm_id = @f AND mac = @m", ("f", farm), ("m", mac));
    }

    public Task<IReadOnlyList<StoredBootEvent>> ListLatestBootsAsync(uint farmId, CancellationToken ct) => ReadAsync(c =>
        QueryBootEvents(c, $"SELECT {BootEventColumns} FROM boot_events e WHERE farm_id = @f AND boot_start = " +
                           "(SELECT MAX(b.boot_start) FROM boot_events b WHERE b.farm_id = e.farm_id AND b.mac = e.mac) ORDER BY mac, seen_at, id",
            ("f", (long)farmId)), ct);

    public Task<IReadOnlyList<StoredBootEvent>> ListBootEventsAsync(uint farmId, string mac, CancellationToken ct) => ReadAsync(c =>
        QueryBootEvents(c, $"SELECT {BootEventColumns} FROM boot_events WHERE farm_id = @f AND mac = @m ORDER BY seen_at, id", ("f", (long)farmId), ("m", mac)), ct);

    private static IReadOnlyList<StoredBootEvent> QueryBootEvents(DbConnection c, string sql, params (string, object?)[] ps)
    {
        using var cmd = Command(c, null, sql, ps);
        using var r = cmd.ExecuteReader();
        var list = new List<StoredBootEvent>();
        while (r.Read())
        {
            list.Add(new StoredBootEvent(r.GetInt64(1), new BootEventReport(
                r.GetString(0), r.GetString(3), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(2)), r.IsDBNull(4) ? null : r.GetString(4), r.GetString(5))));
        }
        return list;
    }
}
