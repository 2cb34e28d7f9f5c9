using System.Collections.Concurrent;
using System.Data.Common;
using System.Net;
using System.Text.Json;
using System.Threading.Channels;
using Zos.Core.Contracts;
using Zos.Core.Validation;

namespace Zos.Registry.Storage;

/// <summary>
/// The registry store in SQL shared by SQLite and PostgreSQL (both speak <c>ON CONFLICT</c>, <c>RETURNING</c> and
/// named <c>@p</c> parameters). Documents are JSON text; every row that can be edited concurrently carries a version
/// compared in the <c>UPDATE ... WHERE version = @expected</c>. Subclasses give the connection and transaction model.
/// </summary>
public abstract partial class SqlRegistryStore : IRegistryStore
{
    private const int MaxHeartbeatBatch = 256;
    private static readonly JsonSerializerOptions s_json = ContractJson.Options;

    // Heartbeats are the bulk of writes: one loop groups those that arrive while the previous group commits into one
    // transaction (one commit, one round trip of UPDATEs where the driver batches), and acknowledges each after it.
    private readonly Channel<PendingHeartbeat> _heartbeats = Channel.CreateUnbounded<PendingHeartbeat>();
    private Task? _heartbeatLoop;

    // The uptime bucket each node's row is known to exist for: the INSERT runs once per node and bucket, not per heartbeat.
    private readonly ConcurrentDictionary<string, long> _uptimeWritten = new(StringComparer.Ordinal);

    // Desired-state versions read through this store; every write that moves one removes it after the commit (and
    // other processes' writes do through DesiredChangedElsewhere). The epoch closes the race of a read that saw the
    // old version and caches it after the invalidation.
    private readonly ConcurrentDictionary<string, long> _desiredVersions = new(StringComparer.Ordinal);
    private long _desiredEpoch;

    /// <inheritdoc />
    public event Action<string>? DesiredChangedElsewhere;

    /// <summary>False while cached desired versions could miss other processes' writes (PostgreSQL without its LISTEN connection).</summary>
    protected virtual bool DesiredCacheUsable => true;

    /// <summary>Called inside a write transaction that moved the desired versions of <paramref name="nodeIds"/> (PostgreSQL NOTIFYs other processes).</summary>
    protected virtual void OnDesiredVersionsMoved(DbConnection connection, DbTransaction transaction, IReadOnlyCollection<string> nodeIds)
    {
    }

    /// <summary>Another process moved a node's desired version: forget the cached one and tell the subscribers.</summary>
    protected void DesiredVersionMovedElsewhere(string nodeId)
    {
        InvalidateDesired([nodeId]);
        DesiredChangedElsewhere?.Invoke(nodeId);
    }

    /// <summary>Forgets every cached desired version (the source of invalidations was lost or just started).</summary>
    protected void ForgetDesiredVersions()
    {
        Interlocked.Increment(ref _desiredEpoch);
        _desiredVersions.Clear();
    }

    private void InvalidateDesired(IEnumerable<string> nodeIds)
    {
        Interlocked.Increment(ref _desiredEpoch);
        foreach (var id in nodeIds)
            _desiredVersions.TryRemove(id, out _);
    }

    /// <summary>A write that moves the desired versions of <paramref name="nodeIds"/>: notified in its transaction, uncached after it (even when it failed: it may have committed).</summary>
    private async Task<T> WriteDesiredAsync<T>(IReadOnlyCollection<string> nodeIds, Func<DbConnection, DbTransaction, T> op, CancellationToken ct)
    {
        try
        {
            return await WriteAsync((c, tx) =>
            {
                var result = op(c, tx);
                if (nodeIds.Count > 0)
                    OnDesiredVersionsMoved(c, tx, nodeIds);
                return result;
            }, ct);
        }
        finally
        {
            InvalidateDesired(nodeIds);
        }
    }

    /// <summary>Stops the heartbeat and nonce loops after the queued writes are done; subclasses call it first when disposing.</summary>
    protected async Task StopHeartbeatsAsync()
    {
        _heartbeats.Writer.TryComplete();
        _nonces.Writer.TryComplete();
        if (Volatile.Read(ref _heartbeatLoop) is { } loop)
            await loop;
        if (Volatile.Read(ref _nonceLoop) is { } nonces)
            await nonces;
    }

    public abstract bool Shared { get; }

    /// <summary>DDL of an auto-increment primary key column named id.</summary>
    protected abstract string AutoIdColumn { get; }

    /// <summary>Runs <paramref name="op"/> in a write transaction; returns after the commit is durable.</summary>
    protected abstract Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, T> op, CancellationToken ct);

    protected abstract Task<T> ReadAsync<T>(Func<DbConnection, T> op, CancellationToken ct);

    /// <summary>True when <paramref name="e"/> is a unique-constraint violation; <paramref name="detail"/> names the constraint.</summary>
    protected abstract bool IsUniqueViolation(Exception e, out string detail);

    /// <summary>Called first inside the migration transaction (PostgreSQL takes an advisory lock so concurrent processes migrate once).</summary>
    protected virtual void LockForMigration(DbConnection connection, DbTransaction transaction)
    {
    }

    public abstract ValueTask DisposeAsync();

    private IEnumerable<string[]> Migrations()
    {
        yield return
        [
            $"CREATE TABLE accounts (id {AutoIdColumn}, name TEXT NOT NULL UNIQUE, public_key TEXT NOT NULL UNIQUE, created BIGINT NOT NULL)",
            $"CREATE TABLE farms (id {AutoIdColumn}, name TEXT NOT NULL UNIQUE, owner_id BIGINT NOT NULL, doc TEXT NOT NULL, version BIGINT NOT NULL)",
            "CREATE TABLE nodes (id TEXT PRIMARY KEY, farm_id BIGINT NULL, doc TEXT NOT NULL, version BIGINT NOT NULL, ds_version BIGINT NOT NULL, " +
            "first_seen BIGINT NOT NULL, last_seen BIGINT NOT NULL, uptime_seconds BIGINT NOT NULL, health TEXT NULL, report TEXT NULL)",
            "CREATE INDEX nodes_farm ON nodes (farm_id)",
            "CREATE TABLE uptime (node_id TEXT NOT NULL, bucket BIGINT NOT NULL, PRIMARY KEY (node_id, bucket))",
            "CREATE TABLE networks (net_id TEXT PRIMARY KEY, owner_id BIGINT NOT NULL, name TEXT NOT NULL, doc TEXT NOT NULL, version BIGINT NOT NULL)",
            "CREATE TABLE network_nodes (net_id TEXT NOT NULL, node_id TEXT NOT NULL, PRIMARY KEY (net_id, node_id))",
            "CREATE INDEX network_nodes_node ON network_nodes (node_id)",
        ];
        yield return EnrollmentMigration();
        yield return AddressOwnershipAndReplayMigration();
        yield return BootEventsMigration();
    }

    /// <summary>
    /// Address ownership and replay protection (issue 14), a step of its own: <c>farm_networks</c> holds each farm's
    /// public subnets and prefixes in canonical text, one row per network, the primary key making a network one
    /// farm's in the whole registry (the overlap check beside it runs under <see cref="LockAddressSpace"/>);
    /// <c>replay_nonces</c> holds a 128-bit digest of each signed write's (key, nonce) until its window ends.
    /// </summary>
    private string[] AddressOwnershipAndReplayMigration() =>
    [
        "CREATE TABLE farm_networks (network TEXT PRIMARY KEY, farm_id BIGINT NOT NULL REFERENCES farms (id) ON DELETE CASCADE)",
        "CREATE INDEX farm_networks_farm ON farm_networks (farm_id)",
        $"CREATE TABLE replay_nonces (digest {BinaryColumn} PRIMARY KEY, expires BIGINT NOT NULL){KeyOnlyTableSuffix}",
    ];

    /// <summary>DDL type of a short byte string (BLOB, BYTEA).</summary>
    protected abstract string BinaryColumn { get; }

    /// <summary>Suffix of a table that is only its primary key and a value (SQLite: WITHOUT ROWID, one b-tree instead of two).</summary>
    protected virtual string KeyOnlyTableSuffix => "";

    /// <summary>
    /// Called in a write transaction before the overlap check of <c>farm_networks</c>: PostgreSQL takes a transaction
    /// advisory lock so two registry processes cannot both pass the check for overlapping networks; SQLite has one
    /// writer already.
    /// </summary>
    protected virtual void LockAddressSpace(DbConnection connection, DbTransaction transaction)
    {
    }

    public virtual Task MigrateAsync(CancellationToken ct) => WriteAsync((c, tx) =>
    {
        LockForMigration(c, tx);
        Exec(c, tx, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
        var current = Convert.ToInt32(Scalar(c, tx, "SELECT COALESCE(MAX(version), 0) FROM schema_version") ?? 0, System.Globalization.CultureInfo.InvariantCulture);
        var version = 0;
        foreach (var step in Migrations())
        {
            version++;
            if (version <= current)
                continue;
            foreach (var sql in step)
                Exec(c, tx, sql);
            Exec(c, tx, "INSERT INTO schema_version (version) VALUES (@v)", ("v", version));
        }
        BackfillFarmNetworks(c, tx);
        return 0;
    }, ct);

    // Accounts

    public async Task<Account> CreateAccountAsync(string name, string publicKey, DateTimeOffset created, CancellationToken ct)
    {
        try
        {
            var id = await WriteAsync((c, tx) => Convert.ToInt64(Scalar(c, tx,
                "INSERT INTO accounts (name, public_key, created) VALUES (@n, @k, @t) RETURNING id",
                ("n", name), ("k", publicKey), ("t", created.ToUnixTimeMilliseconds())), System.Globalization.CultureInfo.InvariantCulture), ct);
            return new Account(id, name, publicKey, created);
        }
        catch (Exception e) when (IsUniqueViolation(e, out var detail))
        {
            throw detail.Contains("name", StringComparison.OrdinalIgnoreCase)
                ? new StoreConflictException("name", $"an account named '{name}' exists already")
                : new StoreConflictException("publicKey", $"the key '{publicKey}' has an account already");
        }
    }

    public Task<Account?> GetAccountAsync(long id, CancellationToken ct) =>
        ReadAsync(c => QueryAccount(c, "SELECT id, name, public_key, created FROM accounts WHERE id = @p", id), ct);

    public Task<Account?> GetAccountByKeyAsync(string publicKey, CancellationToken ct) =>
        ReadAsync(c => QueryAccount(c, "SELECT id, name, public_key, created FROM accounts WHERE public_key = @p", publicKey), ct);

    private static Account? QueryAccount(DbConnection c, string sql, object p)
    {
        using var cmd = Command(c, null, sql, ("p", p));
        using var r = cmd.ExecuteReader();
        return r.Read() ? new Account(r.GetInt64(0), r.GetString(1), r.GetString(2), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(3))) : null;
    }

    // Farms

    public async Task<Farm> CreateFarmAsync(Farm farm, CancellationToken ct)
    {
        try
        {
            return await WriteAsync((c, tx) =>
            {
                var id = Convert.ToUInt32(Scalar(c, tx, "INSERT INTO farms (name, owner_id, doc, version) VALUES (@n, @o, '{}', 1) RETURNING id",
                    ("n", farm.Name), ("o", farm.OwnerId)), System.Globalization.CultureInfo.InvariantCulture);
                var stored = farm with { Id = id };
                Exec(c, tx, "UPDATE farms SET doc = @d WHERE id = @id", ("d", ToJson(stored)), ("id", (long)id));
                SetFarmNetworks(c, tx, stored);
                return stored;
            }, ct);
        }
        catch (Exception e) when (IsUniqueViolation(e, out var detail))
        {
            throw OwnershipRaceOr(detail, e, new StoreConflictException("name", $"a farm named '{farm.Name}' exists already"));
        }
    }

    public Task<StoredFarm?> GetFarmAsync(uint id, CancellationToken ct) => ReadAsync(c =>
    {
        using var cmd = Command(c, null, "SELECT doc, version FROM farms WHERE id = @id", ("id", (long)id));
        using var r = cmd.ExecuteReader();
        return r.Read() ? new StoredFarm(FromJson<Farm>(r.GetString(0)), r.GetInt64(1)) : null;
    }, ct);

    public Task<IReadOnlyList<StoredFarm>> ListFarmsAsync(CancellationToken ct) => ReadAsync<IReadOnlyList<StoredFarm>>(c =>
    {
        using var cmd = Command(c, null, "SELECT doc, version FROM farms ORDER BY id");
        using var r = cmd.ExecuteReader();
        var list = new List<StoredFarm>();
        while (r.Read())
            list.Add(new StoredFarm(FromJson<Farm>(r.GetString(0)), r.GetInt64(1)));
        return list;
    }, ct);

    public async Task<bool> UpdateFarmAsync(Farm farm, long expectedVersion, IReadOnlyCollection<string> touchNodes, CancellationToken ct)
    {
        try
        {
            return await WriteDesiredAsync(touchNodes, (c, tx) =>
            {
                var n = Exec(c, tx, "UPDATE farms SET doc = @d, version = version + 1 WHERE id = @id AND version = @v",
                    ("d", ToJson(farm)), ("id", (long)farm.Id), ("v", expectedVersion));
                if (n != 1)
                    return false;
                SetFarmNetworks(c, tx, farm);
                Touch(c, tx, touchNodes);
                return true;
            }, ct);
        }
        catch (Exception e) when (IsUniqueViolation(e, out var detail) && detail.Contains("farm_networks", StringComparison.OrdinalIgnoreCase))
        {
            throw OwnershipRaceOr(detail, e, null);
        }
    }

    // Address ownership

    /// <summary>
    /// Makes <c>farm_networks</c> hold exactly the networks of <paramref name="farm"/>'s document, refusing with
    /// <see cref="AddressOwnedException"/> a network that overlaps another farm's. Unchanged networks (a MAC list or
    /// boot profile edit) cost one indexed read.
    /// </summary>
    private void SetFarmNetworks(DbConnection c, DbTransaction tx, Farm farm)
    {
        var mine = FarmAddressSpace.NetworksOf(farm);
        var wanted = mine.Select(AddressRules.Canonical).ToHashSet(StringComparer.Ordinal);
        var held = QueryStrings(c, tx, "SELECT network FROM farm_networks WHERE farm_id = @f", ("f", (long)farm.Id));
        if (held.SetEquals(wanted))
            return;
        LockAddressSpace(c, tx);
        var others = new List<(IPNetwork Network, uint Farm)>();
        using (var cmd = Command(c, tx, "SELECT network, farm_id FROM farm_networks WHERE farm_id <> @f", ("f", (long)farm.Id)))
        using (var r = cmd.ExecuteReader())
        {
            while (r.Read())
            {
                if (IPNetwork.TryParse(r.GetString(0), out var n))
                    others.Add((n, (uint)r.GetInt64(1)));
            }
        }
        if (FarmAddressSpace.FirstOverlap(mine.Where(n => !held.Contains(AddressRules.Canonical(n))), others) is { } clash)
            throw new AddressOwnedException(clash.Mine, clash.Theirs, clash.Owner);
        foreach (var gone in held.Where(h => !wanted.Contains(h)))
            Exec(c, tx, "DELETE FROM farm_networks WHERE network = @n AND farm_id = @f", ("n", gone), ("f", (long)farm.Id));
        foreach (var added in wanted.Where(w => !held.Contains(w)))
            Exec(c, tx, "INSERT INTO farm_networks (network, farm_id) VALUES (@n, @f)", ("n", added), ("f", (long)farm.Id));
    }

    /// <summary>
    /// Fills <c>farm_networks</c> for farms that have public networks in their documents but no rows (data from before
    /// the table): lowest farm id first; a network another farm holds already stays with that farm.
    /// </summary>
    private static void BackfillFarmNetworks(DbConnection c, DbTransaction tx)
    {
        var farms = new List<Farm>();
        using (var cmd = Command(c, tx, "SELECT doc FROM farms f WHERE NOT EXISTS (SELECT 1 FROM farm_networks n WHERE n.farm_id = f.id) ORDER BY id"))
        using (var r = cmd.ExecuteReader())
        {
            while (r.Read())
                farms.Add(FromJson<Farm>(r.GetString(0)));
        }
        foreach (var farm in farms)
        {
            foreach (var network in FarmAddressSpace.NetworksOf(farm))
            {
                Exec(c, tx, "INSERT INTO farm_networks (network, farm_id) VALUES (@n, @f) ON CONFLICT DO NOTHING",
                    ("n", AddressRules.Canonical(network)), ("f", (long)farm.Id));
            }
        }
    }

    /// <summary>
    /// A unique violation of <c>farm_networks</c> (two writers past the check at once, which the lock prevents) is an
    /// ownership conflict; any other is <paramref name="otherwise"/> (or rethrown when null).
    /// </summary>
    private static Exception OwnershipRaceOr(string detail, Exception e, Exception? otherwise)
    {
        if (detail.Contains("farm_networks", StringComparison.OrdinalIgnoreCase))
            return new StoreConflictException("ip", "a public network of this farm was just taken by another farm; read the farms again");
        return otherwise ?? e;
    }

    private static HashSet<string> QueryStrings(DbConnection c, DbTransaction? tx, string sql, params (string, object?)[] ps)
    {
        using var cmd = Command(c, tx, sql, ps);
        using var r = cmd.ExecuteReader();
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (r.Read())
            set.Add(r.GetString(0));
        return set;
    }

    // Replay protection

    protected const string NonceSql = "INSERT INTO replay_nonces (digest, expires) VALUES (@d, @e) " +
                                    "ON CONFLICT (digest) DO UPDATE SET expires = excluded.expires WHERE replay_nonces.expires <= @now";

    // Where processes share the table (PostgreSQL) the table decides, before the write goes on: like heartbeats, the
    // nonces that arrive while a group commits go in the next group (one transaction, one round trip where the driver
    // batches) instead of a commit each. A store only one process writes decides in memory (SqliteRegistryStore).
    private readonly Channel<PendingNonce> _nonces = Channel.CreateUnbounded<PendingNonce>();
    private Task? _nonceLoop;

    /// <inheritdoc />
    public virtual async Task<bool> TryRecordNonceAsync(byte[] digest, long expiresMs, long nowMs, CancellationToken ct)
    {
        if (Volatile.Read(ref _nonceLoop) is null)
        {
            lock (_nonces)
                _nonceLoop ??= Task.WhenAll(Enumerable.Range(0, HeartbeatGroups).Select(_ => Task.Run(NonceLoopAsync, CancellationToken.None)));
        }
        var pending = new PendingNonce(digest, expiresMs, nowMs);
        if (!_nonces.Writer.TryWrite(pending))
            throw new ObjectDisposedException(GetType().Name, "the registry store is closed");
        return await pending.Done.Task.WaitAsync(ct);
    }

    /// <summary>
    /// Called first in the transaction of a group of nonces. PostgreSQL does not wait for the WAL flush of that
    /// commit (<c>synchronous_commit = off</c>): the signed write that follows commits synchronously, and WAL is
    /// flushed in order, so once that write is durable its nonce is too; a nonce lost in a crash belongs to a request
    /// that changed nothing durable.
    /// </summary>
    protected virtual void BeforeNonceGroup(DbConnection connection, DbTransaction transaction)
    {
    }

    private async Task NonceLoopAsync()
    {
        var reader = _nonces.Reader;
        while (await reader.WaitToReadAsync())
        {
            var batch = new List<PendingNonce>();
            while (batch.Count < MaxHeartbeatBatch && reader.TryRead(out var n))
                batch.Add(n);
            try
            {
                var first = await WriteAsync((c, tx) => WriteNonces(c, tx, batch), CancellationToken.None);
                for (var i = 0; i < batch.Count; i++)
                    batch[i].Done.TrySetResult(first[i]);
            }
            catch (Exception e)
            {
                foreach (var n in batch)
                    n.Done.TrySetException(e);
            }
        }
    }

    /// <summary>One insert-if-absent per nonce, in order: a digest twice in one group is a first use and a replay.</summary>
    private bool[] WriteNonces(DbConnection c, DbTransaction tx, List<PendingNonce> batch)
    {
        BeforeNonceGroup(c, tx);
        var first = new bool[batch.Count];
        if (c.CanCreateBatch)
        {
            using var inserts = c.CreateBatch();
            inserts.Transaction = tx;
            foreach (var n in batch)
                inserts.BatchCommands.Add(BatchCommand(inserts, NonceSql, ("d", n.Digest), ("e", n.ExpiresMs), ("now", n.NowMs)));
            inserts.ExecuteNonQuery();
            for (var i = 0; i < batch.Count; i++)
                first[i] = inserts.BatchCommands[i].RecordsAffected == 1;
            return first;
        }
        for (var i = 0; i < batch.Count; i++)
            first[i] = Exec(c, tx, NonceSql, ("d", batch[i].Digest), ("e", batch[i].ExpiresMs), ("now", batch[i].NowMs)) == 1;
        return first;
    }

    private sealed record PendingNonce(byte[] Digest, long ExpiresMs, long NowMs)
    {
        public TaskCompletionSource<bool> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <inheritdoc />
    public virtual Task<int> SweepNoncesAsync(long nowMs, CancellationToken ct) =>
        WriteUnguardedAsync((c, tx) => Exec(c, tx, "DELETE FROM replay_nonces WHERE expires <= @now", ("now", nowMs)), ct);

    // Nodes

    private const string NodeColumns = "id, farm_id, doc, version, ds_version, first_seen, last_seen, uptime_seconds, health, report";

    public Task<StoredNode> UpsertNodeAsync(string id, uint? farmId, NodeDocument registration, long now, CancellationToken ct) => WriteDesiredAsync([id], (c, tx) =>
    {
        var existing = QueryNodes(c, tx, $"SELECT {NodeColumns} FROM nodes WHERE id = @p", ("p", id)).FirstOrDefault();
        if (existing is null)
        {
            Exec(c, tx, "INSERT INTO nodes (id, farm_id, doc, version, ds_version, first_seen, last_seen, uptime_seconds) " +
                        "VALUES (@id, @f, @d, 1, 1, @t, @t, 0)",
                ("id", id), ("f", farmId is { } f ? (long)f : null), ("d", ToJson(registration)), ("t", now));
        }
        else
        {
            // A node that comes back keeps what the farmer set (public config), unless it moved to another farm.
            var keep = existing.FarmId == farmId ? existing.Document.PublicConfig : null;
            Exec(c, tx, "UPDATE nodes SET farm_id = @f, doc = @d, version = version + 1, ds_version = ds_version + 1, last_seen = @t WHERE id = @id",
                ("id", id), ("f", farmId is { } f ? (long)f : null), ("d", ToJson(registration with { PublicConfig = keep })), ("t", now));
        }
        return QueryNodes(c, tx, $"SELECT {NodeColumns} FROM nodes WHERE id = @p", ("p", id)).Single();
    }, ct);

    public Task<StoredNode?> GetNodeAsync(string id, CancellationToken ct) =>
        ReadAsync(c => QueryNodes(c, null, $"SELECT {NodeColumns} FROM nodes WHERE id = @p", ("p", id)).FirstOrDefault(), ct);

    public Task<IReadOnlyList<StoredNode>> ListNodesAsync(uint? farmId, bool orphans, CancellationToken ct) => ReadAsync<IReadOnlyList<StoredNode>>(c =>
        orphans ? QueryNodes(c, null, $"SELECT {NodeColumns} FROM nodes WHERE farm_id IS NULL AND id NOT IN (SELECT node_id FROM node_enrollments) ORDER BY id")
        : farmId is { } f ? QueryNodes(c, null, $"SELECT {NodeColumns} FROM nodes WHERE farm_id = @f ORDER BY id", ("f", (long)f))
        : QueryNodes(c, null, $"SELECT {NodeColumns} FROM nodes ORDER BY id"), ct);

    public Task<IReadOnlyList<StoredNode>> GetNodesAsync(IReadOnlyCollection<string> ids, CancellationToken ct)
    {
        if (ids.Count == 0)
            return Task.FromResult<IReadOnlyList<StoredNode>>([]);
        return ReadAsync<IReadOnlyList<StoredNode>>(c =>
        {
            var (list, ps) = InList("n", ids);
            return QueryNodes(c, null, $"SELECT {NodeColumns} FROM nodes WHERE id IN ({list})", ps);
        }, ct);
    }

    public Task<bool> UpdateNodeDocumentAsync(string id, NodeDocument document, long expectedVersion, CancellationToken ct) => WriteDesiredAsync([id], (c, tx) =>
        Exec(c, tx, "UPDATE nodes SET doc = @d, version = version + 1, ds_version = ds_version + 1 WHERE id = @id AND version = @v",
            ("d", ToJson(document)), ("id", id), ("v", expectedVersion)) == 1, ct);

    public async Task<bool> HeartbeatAsync(string id, long now, long uptimeSeconds, NodeHealth health, long bucket, CancellationToken ct)
    {
        var pending = new PendingHeartbeat(id, now, uptimeSeconds, ToJson(health), bucket);
        if (HeartbeatGroups == 0)
        {
            // The store groups writes itself (SQLite's writer thread): hand it over directly, one hop less.
            var found = await WriteUnguardedAsync((c, tx) => WriteHeartbeats(c, tx, [pending])[0], ct);
            if (pending.InsertedBucket)
                _uptimeWritten[id] = bucket;
            return found;
        }
        if (Volatile.Read(ref _heartbeatLoop) is null)
        {
            lock (_heartbeats)
                _heartbeatLoop ??= Task.WhenAll(Enumerable.Range(0, HeartbeatGroups).Select(_ => Task.Run(HeartbeatLoopAsync, CancellationToken.None)));
        }
        if (!_heartbeats.Writer.TryWrite(pending))
            throw new ObjectDisposedException(GetType().Name, "the registry store is closed");
        return await pending.Done.Task.WaitAsync(ct);
    }

    /// <summary>
    /// How many heartbeat groups may commit at once (each in its own transaction); 0 when the store's own writer
    /// groups writes already.
    /// </summary>
    protected virtual int HeartbeatGroups => 0;

    /// <summary>
    /// Like <see cref="WriteAsync{T}"/> for a write that fails only when the whole transaction does (no savepoint
    /// needed to keep it from undoing others).
    /// </summary>
    protected virtual Task<T> WriteUnguardedAsync<T>(Func<DbConnection, DbTransaction, T> op, CancellationToken ct) => WriteAsync(op, ct);

    private async Task HeartbeatLoopAsync()
    {
        var reader = _heartbeats.Reader;
        while (await reader.WaitToReadAsync())
        {
            var batch = new List<PendingHeartbeat>();
            while (batch.Count < MaxHeartbeatBatch && reader.TryRead(out var h))
                batch.Add(h);
            // Groups commit side by side: rows are locked in one order (node id) so two groups never deadlock.
            batch.Sort((a, b) => string.CompareOrdinal(a.NodeId, b.NodeId));
            try
            {
                var found = await WriteAsync((c, tx) => WriteHeartbeats(c, tx, batch), CancellationToken.None);
                for (var i = 0; i < batch.Count; i++)
                {
                    if (batch[i].InsertedBucket)
                        _uptimeWritten[batch[i].NodeId] = batch[i].Bucket;
                    batch[i].Done.TrySetResult(found[i]);
                }
            }
            catch (Exception e)
            {
                foreach (var h in batch)
                    h.Done.TrySetException(e);
            }
        }
    }

    private const string HeartbeatSql = "UPDATE nodes SET last_seen = @t, uptime_seconds = @u, health = @h WHERE id = @id";
    private const string UptimeSql = "INSERT INTO uptime (node_id, bucket) VALUES (@id, @b) ON CONFLICT DO NOTHING";

    /// <summary>Writes a group of heartbeats in one transaction; true per heartbeat whose node exists.</summary>
    private bool[] WriteHeartbeats(DbConnection c, DbTransaction tx, List<PendingHeartbeat> batch)
    {
        var found = new bool[batch.Count];
        if (c.CanCreateBatch)
        {
            // One round trip for the whole group (PostgreSQL).
            using (var updates = c.CreateBatch())
            {
                updates.Transaction = tx;
                foreach (var h in batch)
                    updates.BatchCommands.Add(BatchCommand(updates, HeartbeatSql, ("t", h.Now), ("u", h.UptimeSeconds), ("h", h.HealthJson), ("id", h.NodeId)));
                updates.ExecuteNonQuery();
                for (var i = 0; i < batch.Count; i++)
                    found[i] = updates.BatchCommands[i].RecordsAffected == 1;
            }
            using var inserts = c.CreateBatch();
            inserts.Transaction = tx;
            for (var i = 0; i < batch.Count; i++)
            {
                if (found[i] && NeedsBucket(batch[i]))
                    inserts.BatchCommands.Add(BatchCommand(inserts, UptimeSql, ("id", batch[i].NodeId), ("b", batch[i].Bucket)));
            }
            if (inserts.BatchCommands.Count > 0)
                inserts.ExecuteNonQuery();
            return found;
        }
        // One prepared statement each, re-bound per heartbeat (SQLite: no round trips to save, only preparation).
        using var update = Command(c, tx, HeartbeatSql, ("t", 0L), ("u", 0L), ("h", ""), ("id", ""));
        using var insert = Command(c, tx, UptimeSql, ("id", ""), ("b", 0L));
        for (var i = 0; i < batch.Count; i++)
        {
            var h = batch[i];
            update.Parameters[0].Value = h.Now;
            update.Parameters[1].Value = h.UptimeSeconds;
            update.Parameters[2].Value = h.HealthJson;
            update.Parameters[3].Value = h.NodeId;
            found[i] = update.ExecuteNonQuery() == 1;
            if (found[i] && NeedsBucket(h))
            {
                insert.Parameters[0].Value = h.NodeId;
                insert.Parameters[1].Value = h.Bucket;
                insert.ExecuteNonQuery();
            }
        }
        return found;
    }

    /// <summary>True (and marks it) when this heartbeat's uptime bucket is not known to be stored yet.</summary>
    private bool NeedsBucket(PendingHeartbeat h)
    {
        if (_uptimeWritten.TryGetValue(h.NodeId, out var last) && last == h.Bucket)
            return false;
        h.InsertedBucket = true;
        return true;
    }

    public Task<bool> SaveReportAsync(string id, NodeReport report, IReadOnlyCollection<string> touchNodes, CancellationToken ct) => WriteDesiredAsync(touchNodes, (c, tx) =>
    {
        var n = Exec(c, tx, "UPDATE nodes SET report = @r WHERE id = @id", ("r", ToJson(report)), ("id", id));
        if (n == 1)
            Touch(c, tx, touchNodes);
        return n == 1;
    }, ct);

    public Task<IReadOnlyDictionary<string, long>> CountUptimeBucketsAsync(IReadOnlyCollection<string> nodeIds, long sinceBucket, CancellationToken ct)
    {
        if (nodeIds.Count == 0)
            return Task.FromResult<IReadOnlyDictionary<string, long>>(new Dictionary<string, long>());
        return ReadAsync<IReadOnlyDictionary<string, long>>(c =>
        {
            var (list, ps) = InList("n", nodeIds);
            using var cmd = Command(c, null, $"SELECT node_id, COUNT(*) FROM uptime WHERE bucket >= @b AND node_id IN ({list}) GROUP BY node_id",
                [("b", sinceBucket), .. ps]);
            using var r = cmd.ExecuteReader();
            var counts = new Dictionary<string, long>(StringComparer.Ordinal);
            while (r.Read())
                counts[r.GetString(0)] = r.GetInt64(1);
            return counts;
        }, ct);
    }

    public async Task<long?> GetDesiredVersionAsync(string nodeId, CancellationToken ct)
    {
        var usable = DesiredCacheUsable;
        if (usable && _desiredVersions.TryGetValue(nodeId, out var cached))
            return cached;
        var epoch = Interlocked.Read(ref _desiredEpoch);
        var version = await ReadAsync(c =>
        {
            using var cmd = Command(c, null, "SELECT ds_version FROM nodes WHERE id = @id", ("id", nodeId));
            var v = cmd.ExecuteScalar();
            return v is null or DBNull ? (long?)null : Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture);
        }, ct);
        if (usable && version is { } known)
        {
            _desiredVersions[nodeId] = known;
            // A write committed meanwhile may have invalidated before this entry went in: take it back out.
            if (Interlocked.Read(ref _desiredEpoch) != epoch)
                ((ICollection<KeyValuePair<string, long>>)_desiredVersions).Remove(new KeyValuePair<string, long>(nodeId, known));
        }
        return version;
    }

    // Networks

    public async Task CreateNetworkAsync(StoredNetwork network, CancellationToken ct)
    {
        try
        {
            await WriteAsync((c, tx) =>
            {
                Exec(c, tx, "INSERT INTO networks (net_id, owner_id, name, doc, version) VALUES (@id, @o, @n, @d, @v)",
                    ("id", network.NetId), ("o", network.OwnerId), ("n", network.Name), ("d", ToJson(network.Document)), ("v", network.Version));
                SetNetworkNodes(c, tx, network);
                return 0;
            }, ct);
        }
        catch (Exception e) when (IsUniqueViolation(e, out _))
        {
            throw new StoreConflictException("name", $"a network named '{network.Name}' exists already for this owner (NetID {network.NetId})");
        }
    }

    public Task<StoredNetwork?> GetNetworkAsync(string netId, CancellationToken ct) =>
        ReadAsync(c => QueryNetworks(c, "SELECT net_id, owner_id, name, doc, version FROM networks WHERE net_id = @p", ("p", netId)).FirstOrDefault(), ct);

    public Task<IReadOnlyList<StoredNetwork>> ListNetworksAsync(long? ownerId, CancellationToken ct) => ReadAsync<IReadOnlyList<StoredNetwork>>(c =>
        ownerId is { } o
            ? QueryNetworks(c, "SELECT net_id, owner_id, name, doc, version FROM networks WHERE owner_id = @o ORDER BY name", ("o", o))
            : QueryNetworks(c, "SELECT net_id, owner_id, name, doc, version FROM networks ORDER BY name"), ct);

    public Task<IReadOnlyList<StoredNetwork>> ListNetworksOfNodeAsync(string nodeId, CancellationToken ct) => ReadAsync<IReadOnlyList<StoredNetwork>>(c =>
        QueryNetworks(c, "SELECT n.net_id, n.owner_id, n.name, n.doc, n.version FROM networks n JOIN network_nodes m ON m.net_id = n.net_id " +
                         "WHERE m.node_id = @id ORDER BY n.net_id", ("id", nodeId)), ct);

    public Task<bool> UpdateNetworkAsync(StoredNetwork network, long expectedVersion, IReadOnlyCollection<string> touchNodes, CancellationToken ct) => WriteDesiredAsync(touchNodes, (c, tx) =>
    {
        var n = Exec(c, tx, "UPDATE networks SET doc = @d, version = @nv WHERE net_id = @id AND version = @v",
            ("d", ToJson(network.Document)), ("nv", network.Version), ("id", network.NetId), ("v", expectedVersion));
        if (n != 1)
            return false;
        SetNetworkNodes(c, tx, network);
        Touch(c, tx, touchNodes);
        return true;
    }, ct);

    private static void SetNetworkNodes(DbConnection c, DbTransaction tx, StoredNetwork network)
    {
        Exec(c, tx, "DELETE FROM network_nodes WHERE net_id = @id", ("id", network.NetId));
        foreach (var nodeId in network.Document.NodeIds())
            Exec(c, tx, "INSERT INTO network_nodes (net_id, node_id) VALUES (@id, @n)", ("id", network.NetId), ("n", nodeId));
    }

    private static List<StoredNetwork> QueryNetworks(DbConnection c, string sql, params (string, object?)[] ps)
    {
        using var cmd = Command(c, null, sql, ps);
        using var r = cmd.ExecuteReader();
        var list = new List<StoredNetwork>();
        while (r.Read())
            list.Add(new StoredNetwork(r.GetString(0), r.GetInt64(1), r.GetString(2), FromJson<StoredNetworkDocument>(r.GetString(3)), r.GetInt64(4)));
        return list;
    }

    // Plumbing

    /// <summary>Moves the desired-state version of each node (their documents are computed from what just changed).</summary>
    private static void Touch(DbConnection c, DbTransaction tx, IReadOnlyCollection<string> nodeIds)
    {
        if (nodeIds.Count == 0)
            return;
        var (list, ps) = InList("t", nodeIds);
        Exec(c, tx, $"UPDATE nodes SET ds_version = ds_version + 1 WHERE id IN ({list})", ps);
    }

    private static List<StoredNode> QueryNodes(DbConnection c, DbTransaction? tx, string sql, params (string, object?)[] ps)
    {
        using var cmd = Command(c, tx, sql, ps);
        using var r = cmd.ExecuteReader();
        var list = new List<StoredNode>();
        while (r.Read())
        {
            list.Add(new StoredNode(
                r.GetString(0),
                r.IsDBNull(1) ? null : (uint)r.GetInt64(1),
                FromJson<NodeDocument>(r.GetString(2)),
                r.GetInt64(3),
                r.GetInt64(4),
                r.GetInt64(5),
                r.GetInt64(6),
                r.GetInt64(7),
                r.IsDBNull(8) ? null : FromJson<NodeHealth>(r.GetString(8)),
                r.IsDBNull(9) ? null : FromJson<NodeReport>(r.GetString(9))));
        }
        return list;
    }

    private static (string List, (string, object?)[] Parameters) InList(string prefix, IReadOnlyCollection<string> values)
    {
        var ps = values.Distinct(StringComparer.Ordinal).Select((v, i) => ($"{prefix}{i}", (object?)v)).ToArray();
        return (string.Join(", ", ps.Select(p => "@" + p.Item1)), ps);
    }

    protected static int Exec(DbConnection c, DbTransaction? tx, string sql, params (string, object?)[] ps)
    {
        using var cmd = Command(c, tx, sql, ps);
        return cmd.ExecuteNonQuery();
    }

    protected static object? Scalar(DbConnection c, DbTransaction? tx, string sql, params (string, object?)[] ps)
    {
        using var cmd = Command(c, tx, sql, ps);
        return cmd.ExecuteScalar();
    }

    private static DbBatchCommand BatchCommand(DbBatch batch, string sql, params (string Name, object? Value)[] ps)
    {
        var cmd = batch.CreateBatchCommand();
        cmd.CommandText = sql;
        AddParameters(cmd.Parameters, cmd.CreateParameter, ps);
        return cmd;
    }

    /// <summary>Each value as a named parameter, null as SQL NULL.</summary>
    private static void AddParameters(DbParameterCollection parameters, Func<DbParameter> create, (string Name, object? Value)[] ps)
    {
        foreach (var (name, value) in ps)
        {
            var p = create();
            p.ParameterName = name;
            p.Value = value ?? DBNull.Value;
            parameters.Add(p);
        }
    }

    protected static DbCommand Command(DbConnection c, DbTransaction? tx, string sql, params (string Name, object? Value)[] ps)
    {
        var cmd = c.CreateCommand();
        cmd.Transaction = tx;
#pragma warning disable CA2100 // SQL text is built from constants and generated parameter names only; values are parameters.
        cmd.CommandText = sql;
#pragma warning restore CA2100
        AddParameters(cmd.Parameters, cmd.CreateParameter, ps);
        return cmd;
    }

    private static string ToJson<T>(T value) => JsonSerializer.Serialize(value, s_json);

    private static T FromJson<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, s_json) ?? throw new InvalidDataException($"stored {typeof(T).Name} is null");
}
