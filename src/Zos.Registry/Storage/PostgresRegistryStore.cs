using System.Data.Common;
using Npgsql;

namespace Zos.Registry.Storage;

/// <summary>
/// PostgreSQL store: one transaction per write on a pooled connection (heartbeats grouped, see
/// <see cref="SqlRegistryStore"/>). Several registry processes may share one database: optimistic versions keep
/// concurrent writers from losing updates, and every write that moves a desired version NOTIFYs
/// <see cref="Channel"/> in its transaction (delivered at commit), so each process drops its cached version and
/// wakes its long-polls. While the LISTEN connection is down, nothing is cached and long-polls re-read versions.
/// </summary>
public sealed class PostgresRegistryStore : SqlRegistryStore
{
    /// <summary>The notification channel; the payload is a node id.</summary>
    public const string Channel = "zos_desired_state";

    private readonly NpgsqlDataSource _source;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _listener;
    private volatile bool _listening;

    public PostgresRegistryStore(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        // Our statements are few and constant: let Npgsql prepare them server-side after a few uses.
        if (builder.ConnectionStringBuilder.MaxAutoPrepare == 0)
            builder.ConnectionStringBuilder.MaxAutoPrepare = 64;
        _source = builder.Build();
        _listener = Task.Run(ListenAsync);
    }

    public override bool Shared => true;

    protected override bool DesiredCacheUsable => _listening;

    // Each group is one transaction (one round trip of UPDATEs, one commit); a few in flight hide the commit latency.
    protected override int HeartbeatGroups => 4;

    // A whole group in one statement (no explicit transaction: a single statement commits atomically by itself), so
    // one round trip and one plan per group instead of one UPDATE per heartbeat: the arrays are unnested into rows,
    // the nodes updated from them, and the uptime bucket rows inserted for the heartbeats that ask for one. The final
    // SELECT returns the ids that exist (data-modifying CTEs all run to completion whatever the SELECT reads).
    private const string HeartbeatGroupSql =
        "WITH v AS (SELECT * FROM unnest(@ids::text[], @ts::bigint[], @us::bigint[], @hs::text[], @bs::bigint[], @nb::boolean[]) AS v(id, t, u, h, b, nb)), " +
        "up AS (UPDATE nodes AS n SET last_seen = v.t, uptime_seconds = v.u, health = v.h FROM v WHERE n.id = v.id RETURNING n.id, v.b, v.nb), " +
        "ins AS (INSERT INTO uptime (node_id, bucket) SELECT id, b FROM up WHERE nb ON CONFLICT DO NOTHING) " +
        "SELECT id FROM up";

    private protected override async Task<bool[]> WriteHeartbeatGroupAsync(List<PendingHeartbeat> batch)
    {
        // One row per node (UPDATE ... FROM updates a row once): the newest heartbeat of each; the batch is sorted by id.
        var rows = new List<PendingHeartbeat>(batch.Count);
        foreach (var h in batch)
        {
            if (rows.Count > 0 && rows[^1].NodeId == h.NodeId)
            {
                if (h.Now >= rows[^1].Now)
                    rows[^1] = h;
                continue;
            }
            rows.Add(h);
        }
        var needs = rows.Select(NeedsBucket).ToArray();
        HashSet<string> existing;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var c = await _source.OpenConnectionAsync();
                await using var cmd = new NpgsqlCommand(HeartbeatGroupSql, c);
                cmd.Parameters.AddWithValue("ids", rows.Select(h => h.NodeId).ToArray());
                cmd.Parameters.AddWithValue("ts", rows.Select(h => h.Now).ToArray());
                cmd.Parameters.AddWithValue("us", rows.Select(h => h.UptimeSeconds).ToArray());
                cmd.Parameters.AddWithValue("hs", rows.Select(h => h.HealthJson).ToArray());
                cmd.Parameters.AddWithValue("bs", rows.Select(h => h.Bucket).ToArray());
                cmd.Parameters.AddWithValue("nb", needs);
                existing = new HashSet<string>(StringComparer.Ordinal);
                await using (var r = await cmd.ExecuteReaderAsync())
                {
                    while (await r.ReadAsync())
                        existing.Add(r.GetString(0));
                }
                break;
            }
            // Groups run side by side; the plan may lock rows in another order than a concurrent group's: PostgreSQL
            // aborts one of two such statements (deadlock_detected, nothing written), which is then simply run again.
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DeadlockDetected && attempt < 5)
            {
            }
        }
        var found = new bool[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            found[i] = existing.Contains(batch[i].NodeId);
            // Only a stored bucket row may be remembered as written (NeedsBucket marked the chosen rows).
            if (!found[i])
                batch[i].InsertedBucket = false;
        }
        return found;
    }

    protected override string AutoIdColumn => "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY";

    protected override async Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, T> op, CancellationToken ct)
    {
        await using var c = await _source.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var result = op(c, tx);
        await tx.CommitAsync(ct);
        return result;
    }

    protected override async Task<T> ReadAsync<T>(Func<DbConnection, T> op, CancellationToken ct)
    {
        await using var c = await _source.OpenConnectionAsync(ct);
        return op(c);
    }

    protected override void OnDesiredVersionsMoved(DbConnection connection, DbTransaction transaction, IReadOnlyCollection<string> nodeIds) =>
        Exec(connection, transaction, $"SELECT pg_notify('{Channel}', n) FROM unnest(@ids) AS n", ("ids", nodeIds.Distinct(StringComparer.Ordinal).ToArray()));

    /// <summary>Keeps one connection LISTENing; reconnects after a second when it breaks, forgetting the cache meanwhile.</summary>
    private async Task ListenAsync()
    {
        var ct = _stop.Token;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var c = await _source.OpenConnectionAsync(ct);
                c.Notification += (_, e) => DesiredVersionMovedElsewhere(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", c))
                    await listen.ExecuteNonQueryAsync(ct);
                // Versions cached before LISTEN may have missed a NOTIFY.
                ForgetDesiredVersions();
                _listening = true;
                while (true)
                    await c.WaitAsync(ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or System.IO.IOException)
            {
                _listening = false;
                ForgetDesiredVersions();
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), ct);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
            finally
            {
                _listening = false;
            }
        }
    }

    protected override bool IsUniqueViolation(Exception e, out string detail)
    {
        if (e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } p)
        {
            detail = p.ConstraintName ?? p.MessageText;
            return true;
        }
        detail = "";
        return false;
    }

    protected override void LockForMigration(DbConnection connection, DbTransaction transaction) =>
        Exec(connection, transaction, "SELECT pg_advisory_xact_lock(7355608)");

    public override async ValueTask DisposeAsync()
    {
        await StopHeartbeatsAsync();
        await _stop.CancelAsync();
        await _listener;
        _stop.Dispose();
        await _source.DisposeAsync();
    }
}
