using Zos.Registry.Storage;

namespace Zos.Registry;

/// <summary>
/// Replay protection in the store (<see cref="IRegistryStore.TryRecordNonceAsync"/>): one insert-if-absent per signed
/// write, keyed by the (key, nonce) digest, so a captured write stays refused after a restart (SQLite file) and across
/// registry processes sharing one PostgreSQL (the primary key decides which of two concurrent uses is first). Expired
/// rows are swept every half window by the request that finds the sweep due, so the table holds about one window of
/// writes (at 1,000 signed writes/s and the 120 s window, ~120,000 rows of 16-byte keys).
/// </summary>
public sealed class StoreReplayGuard(IRegistryStore store, TimeProvider time) : IReplayGuard
{
    private long _nextSweepMs = long.MinValue;
    private int _sweeping;

    public async ValueTask<bool> TryRememberAsync(string keyId, string nonce, TimeSpan keep, CancellationToken ct)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var keepMs = (long)keep.TotalMilliseconds;
        if (now >= Volatile.Read(ref _nextSweepMs) && Interlocked.Exchange(ref _sweeping, 1) == 0)
        {
            try
            {
                await store.SweepNoncesAsync(now, ct);
                Volatile.Write(ref _nextSweepMs, now + Math.Max(1, keepMs / 2));
            }
            finally
            {
                Volatile.Write(ref _sweeping, 0);
            }
        }
        return await store.TryRecordNonceAsync(ReplayDigest.Bytes(keyId, nonce), now + keepMs, now, ct);
    }
}
