namespace Zos.Registry;

/// <summary>
/// Remembers each (key, nonce) seen within twice the allowed clock skew, in this process's memory; a second use is a
/// replay. Older entries are dropped, since their timestamps are refused as stale anyway. The registry itself uses
/// <see cref="StoreReplayGuard"/> (durable, shared by processes); this one is for a registry without a shared store.
/// </summary>
/// <remarks>
/// At thousands of signed writes a second the window holds a million entries or more. Each is kept as a 128-bit
/// digest (SHA-256 of key and nonce, truncated: a collision with an unknown random nonce is out of reach) in hash
/// sets of value types, one per time slice of half the keep time, three slices kept: an entry lives at least the
/// keep time, forgetting a slice is dropping one set, and the garbage collector has no per-entry object to trace
/// (a dictionary of strings made gen-2 collections and the sweep over it the cost of a busy registry).
/// </remarks>
public sealed class ReplayCache(TimeProvider time) : IReplayGuard
{
    private const int Slices = 3;
    private readonly Lock _lock = new();
    private readonly HashSet<UInt128>[] _slices = [[], [], []];
    private long _currentSlice = long.MinValue;

    /// <summary>True the first time (key, nonce) is seen; false for a replay.</summary>
    public bool TryRemember(string keyId, string nonce, TimeSpan keep)
    {
        var digest = ReplayDigest.Of(keyId, nonce);
        var sliceMs = Math.Max(1, (long)keep.TotalMilliseconds / (Slices - 1));
        var slice = time.GetUtcNow().ToUnixTimeMilliseconds() / sliceMs;
        lock (_lock)
        {
            // A clock that steps back keeps writing into the current slice: nothing is forgotten early.
            if (slice > _currentSlice)
            {
                // Forget the slices that fell out of the window (all of them after a long pause). A cleared set keeps
                // its capacity: under a steady load it refills to the same size without growing again.
                var moved = _currentSlice == long.MinValue ? Slices : Math.Min(Slices, slice - _currentSlice);
                for (var i = 0; i < moved; i++)
                {
                    var next = _slices[Slices - 1];
                    Array.Copy(_slices, 0, _slices, 1, Slices - 1);
                    next.Clear();
                    _slices[0] = next;
                }
                _currentSlice = slice;
            }
            for (var i = 1; i < Slices; i++)
            {
                if (_slices[i].Contains(digest))
                    return false;
            }
            return _slices[0].Add(digest);
        }
    }

    public ValueTask<bool> TryRememberAsync(string keyId, string nonce, TimeSpan keep, CancellationToken ct) =>
        ValueTask.FromResult(TryRemember(keyId, nonce, keep));
}
