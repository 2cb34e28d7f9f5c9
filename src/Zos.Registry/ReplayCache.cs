using System.Collections.Concurrent;

namespace Zos.Registry;

/// <summary>
/// Remembers each (key, nonce) seen within twice the allowed clock skew; a second use is a replay. Older entries
/// are dropped, since their timestamps are refused as stale anyway.
/// </summary>
public sealed class ReplayCache(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, long> _seen = new(StringComparer.Ordinal);
    private long _nextSweep;

    /// <summary>True the first time (key, nonce) is seen; false for a replay.</summary>
    public bool TryRemember(string keyId, string nonce, TimeSpan keep)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        if (now >= Interlocked.Read(ref _nextSweep))
        {
            Interlocked.Exchange(ref _nextSweep, now + 10_000);
            foreach (var (k, expiry) in _seen)
            {
                if (expiry < now)
                    _seen.TryRemove(k, out _);
            }
        }
        return _seen.TryAdd(keyId + "|" + nonce, now + (long)keep.TotalMilliseconds);
    }
}
