using System.Data.Common;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace Zos.Registry.Storage;

/// <summary>
/// SQLite store in one file (WAL). One writer thread takes every queued write, runs them in one transaction (each in
/// its own savepoint, so one failing write does not undo the others) and commits (group commit); a write is
/// acknowledged only after its commit. With <c>synchronous=NORMAL</c> (default) the commit has written the WAL to the
/// kernel, which survives SIGKILL of the process; with <c>fsyncEveryCommit</c> (<c>synchronous=FULL</c>) it has also
/// been fsynced, which survives power loss (see <see cref="RegistryOptions.SqliteFsyncEveryCommit"/>). Reads use
/// pooled connections (WAL readers never block the writer). One registry process per file, enforced by a lock file
/// (several processes share PostgreSQL instead).
/// </summary>
public sealed class SqliteRegistryStore : SqlRegistryStore
{
    private const int MaxBatch = 512;
    private readonly string _connectionString;
    private readonly Channel<PendingWrite> _queue = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Thread _writer;
    private readonly SqliteConnection _writeConnection;

    public SqliteRegistryStore(string path, bool fsyncEveryCommit = false)
    {
        Path = path;
        _processLock = LockForThisProcess(path);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true, DefaultTimeout = 30 }.ToString();
        _writeConnection = new SqliteConnection(_connectionString);
        _writeConnection.Open();
        Pragma(_writeConnection, "PRAGMA journal_mode=WAL");
        Pragma(_writeConnection, fsyncEveryCommit ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL");
        Pragma(_writeConnection, "PRAGMA busy_timeout=5000");
        // farm_networks and boot_events rows go with their farm (ON DELETE CASCADE); SQLite enforces foreign keys only when asked.
        Pragma(_writeConnection, "PRAGMA foreign_keys=ON");
        // Checkpoints copy the WAL into the database file and fsync it even with synchronous=NORMAL: run inside the
        // writer (SQLite's default, every 1000 pages) each one stalled every queued write for its fsync (heartbeat p99
        // ~16 ms in bench/registry). They run beside it instead (PASSIVE: never waits for the writer or readers); the
        // writer checkpoints itself only if the WAL still grows past 10000 pages (~40 MB).
        Pragma(_writeConnection, $"PRAGMA wal_autocheckpoint={WriterCheckpointPages}");
        _checkpointer = new Thread(CheckpointLoop) { IsBackground = true, Name = "zos-registry-sqlite-checkpoint" };
        _checkpointer.Start();
        _writer = new Thread(WriterLoop) { IsBackground = true, Name = "zos-registry-sqlite-writer" };
        _writer.Start();
    }

    public string Path { get; }

    // One process serves a SQLite file (Shared is false): its replay decisions and long-poll wake-ups live in memory, so
    // a second registry on the same file would accept the first's captured writes and miss its changes. Refused at open.
    private readonly FileStream _processLock;

    private static FileStream LockForThisProcess(string path)
    {
        var lockPath = path + ".lock";
        try
        {
            // FileShare.None takes an exclusive flock(2) on Linux: held until the stream closes or the process dies.
            return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e) when (File.Exists(lockPath))
        {
            throw new StoreInUseException(path, e);
        }
    }

    public override bool Shared => false;

    protected override string AutoIdColumn => "INTEGER PRIMARY KEY AUTOINCREMENT";

    protected override string BinaryColumn => "BLOB";

    protected override string KeyOnlyTableSuffix => " WITHOUT ROWID";

    protected override Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, T> op, CancellationToken ct) => Enqueue(op, guarded: true);

    protected override Task<T> WriteUnguardedAsync<T>(Func<DbConnection, DbTransaction, T> op, CancellationToken ct) => Enqueue(op, guarded: false);

    private Task<T> Enqueue<T>(Func<DbConnection, DbTransaction, T> op, bool guarded)
    {
        var pending = new PendingWrite<T>(op, guarded);
        if (!_queue.Writer.TryWrite(pending))
            throw new ObjectDisposedException(nameof(SqliteRegistryStore), "the registry store is closed");
        return pending.Task;
    }

    public override async Task MigrateAsync(CancellationToken ct)
    {
        await base.MigrateAsync(ct);
        // The nonces of the last window, from before a restart, decide again (a captured write stays refused).
        await ReadAsync(c =>
        {
            using var cmd = Command(c, null, "SELECT digest, expires FROM replay_nonces");
            using var r = cmd.ExecuteReader();
            while (r.Read())
                _nonceMemory.Load((byte[])r.GetValue(0), r.GetInt64(1));
            return 0;
        }, ct);
    }

    /// <summary>
    /// One process writes this file, so memory decides first use or replay at once (<see cref="RememberedNonces"/>)
    /// and the row is queued, not awaited. It still reaches the disk before the request's own write is acknowledged:
    /// the writer takes writes in queue order and acknowledges one only after the commit of its transaction, so the
    /// nonce commits in the same group as that write or an earlier one. Awaiting it cost a second trip through the
    /// writer per heartbeat (bench/registry: from 0.31x of hello-world to 0.21x).
    /// </summary>
    public override Task<bool> TryRecordNonceAsync(byte[] digest, long expiresMs, long nowMs, CancellationToken ct)
    {
        if (!_nonceMemory.TryRemember(digest, expiresMs, nowMs))
            return Task.FromResult(false);
        var row = Enqueue((c, tx) => Exec(c, tx, NonceSql, ("d", digest), ("e", expiresMs), ("now", nowMs)), guarded: false);
        // A lost row fails with its whole transaction, and so does a write queued with it; count it, never throw it.
        row.ContinueWith(static (t, store) => Interlocked.Increment(ref ((SqliteRegistryStore)store!)._nonceRowsLost), this,
            CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return Task.FromResult(true);
    }

    public override async Task<int> SweepNoncesAsync(long nowMs, CancellationToken ct)
    {
        _nonceMemory.Sweep(nowMs);
        return await base.SweepNoncesAsync(nowMs, ct);
    }

    /// <summary>Replay rows whose transaction failed (disk full, I/O error); memory still refuses their replays until restart.</summary>
    public long NonceRowsLost => Interlocked.Read(ref _nonceRowsLost);

    private readonly RememberedNonces _nonceMemory = new();
    private long _nonceRowsLost;

    protected override Task<T> ReadAsync<T>(Func<DbConnection, T> op, CancellationToken ct)
    {
        using var c = new SqliteConnection(_connectionString);
        c.Open();
        return Task.FromResult(op(c));
    }

    protected override bool IsUniqueViolation(Exception e, out string detail)
    {
        // SQLITE_CONSTRAINT (19) with the extended code SQLITE_CONSTRAINT_UNIQUE (2067) or PRIMARYKEY (1555).
        if (e is SqliteException { SqliteErrorCode: 19 } s && s.SqliteExtendedErrorCode is 2067 or 1555)
        {
            detail = s.Message;
            return true;
        }
        detail = "";
        return false;
    }

    private void WriterLoop()
    {
        var batch = new List<PendingWrite>(MaxBatch);
        var reader = _queue.Reader;
        while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && reader.TryRead(out var w))
                batch.Add(w);
            RunBatch(batch);
        }
    }

    private void RunBatch(List<PendingWrite> batch)
    {
        var ok = new List<PendingWrite>(batch.Count);
        try
        {
            using var tx = _writeConnection.BeginTransaction(deferred: false);
            for (var i = 0; i < batch.Count; i++)
            {
                if (!batch[i].Guarded)
                {
                    // Fails only with the transaction (heartbeats): no savepoint statements.
                    batch[i].Run(_writeConnection, tx);
                    ok.Add(batch[i]);
                    continue;
                }
                var savepoint = "w" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                tx.Save(savepoint);
                try
                {
                    batch[i].Run(_writeConnection, tx);
                    tx.Release(savepoint);
                    ok.Add(batch[i]);
                }
                catch (Exception e)
                {
                    tx.Rollback(savepoint);
                    tx.Release(savepoint);
                    batch[i].Fail(e);
                }
            }
            tx.Commit();
        }
        catch (Exception e)
        {
            // The transaction is lost: every write of the batch fails (those that failed alone already did).
            foreach (var w in batch)
                w.Fail(e);
            return;
        }
        foreach (var w in ok)
            w.Complete();
    }

    private const int WriterCheckpointPages = 10_000;
    private static readonly TimeSpan CheckpointInterval = TimeSpan.FromMilliseconds(250);
    private readonly Thread _checkpointer;
    private readonly CancellationTokenSource _stopCheckpoints = new();

    /// <summary>Checkpoints the WAL every <see cref="CheckpointInterval"/> on its own connection (PASSIVE), until disposed.</summary>
    private void CheckpointLoop()
    {
        try
        {
            using var c = new SqliteConnection(_connectionString);
            c.Open();
            Pragma(c, "PRAGMA busy_timeout=0");
            while (!_stopCheckpoints.Token.WaitHandle.WaitOne(CheckpointInterval))
            {
                try
                {
                    Pragma(c, "PRAGMA wal_checkpoint(PASSIVE)");
                }
                catch (SqliteException)
                {
                    // Busy or locked: the next round (or the writer's own checkpoint) catches up.
                }
            }
        }
        catch (Exception e) when (e is SqliteException or ObjectDisposedException)
        {
            // Without this thread the writer's own checkpoints (every WriterCheckpointPages) keep the WAL bounded.
        }
    }

    private static void Pragma(SqliteConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    public override async ValueTask DisposeAsync()
    {
        await StopHeartbeatsAsync();
        await _stopCheckpoints.CancelAsync();
        await Task.Run(() => _checkpointer.Join(TimeSpan.FromSeconds(10)));
        _stopCheckpoints.Dispose();
        _queue.Writer.TryComplete();
        await Task.Run(() => _writer.Join(TimeSpan.FromSeconds(10)));
        await _writeConnection.DisposeAsync();
        SqliteConnection.ClearPool(new SqliteConnection(_connectionString));
        await _processLock.DisposeAsync();
    }

    private abstract class PendingWrite(bool guarded)
    {
        /// <summary>Runs in its own savepoint, so its failure leaves the rest of the batch alone.</summary>
        public bool Guarded => guarded;

        public abstract void Run(DbConnection c, DbTransaction tx);

        public abstract void Complete();

        public abstract void Fail(Exception e);
    }

    private sealed class PendingWrite<T>(Func<DbConnection, DbTransaction, T> op, bool guarded) : PendingWrite(guarded)
    {
        private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T _result = default!;

        public Task<T> Task => _done.Task;

        public override void Run(DbConnection c, DbTransaction tx) => _result = op(c, tx);

        public override void Complete() => _done.TrySetResult(_result);

        public override void Fail(Exception e) => _done.TrySetException(e);
    }
}
