using System.Buffers.Binary;
using System.Collections.Concurrent;

namespace Zos.Registry.Storage;

/// <summary>
/// The replay digests of one store process in memory, each with the time its window ends: the decision "first use or
/// replay" for a store that only one process writes (SQLite), so that decision costs a dictionary insert, not a queued
/// write awaited before the request may go on. The rows in <c>replay_nonces</c> stay the durable copy (loaded back at
/// start); this set is never the only record of a nonce once the request's own write is acknowledged.
/// </summary>
public sealed class RememberedNonces
{
    private readonly ConcurrentDictionary<UInt128, long> _expires = new();

    public int Count => _expires.Count;

    /// <summary>True the first time the digest is seen or when its earlier use expired; false for a replay.</summary>
    public bool TryRemember(ReadOnlySpan<byte> digest, long expiresMs, long nowMs)
    {
        var key = Key(digest);
        while (true)
        {
            if (_expires.TryAdd(key, expiresMs))
                return true;
            if (!_expires.TryGetValue(key, out var seen))
                continue; // swept in between: try the add again
            if (seen > nowMs)
                return false;
            // Same rule as the table's upsert: an expired row may be taken again, by one caller only.
            if (_expires.TryUpdate(key, expiresMs, seen))
                return true;
        }
    }

    /// <summary>Puts back a digest read from the table (at start).</summary>
    public void Load(ReadOnlySpan<byte> digest, long expiresMs) => _expires[Key(digest)] = expiresMs;

    /// <summary>Forgets every digest whose window ended at or before <paramref name="nowMs"/>; returns how many.</summary>
    public int Sweep(long nowMs)
    {
        var removed = 0;
        foreach (var (key, expires) in _expires)
        {
            if (expires <= nowMs && _expires.TryRemove(new KeyValuePair<UInt128, long>(key, expires)))
                removed++;
        }
        return removed;
    }

    private static UInt128 Key(ReadOnlySpan<byte> digest) =>
        digest.Length == 16
            ? BinaryPrimitives.ReadUInt128LittleEndian(digest)
            : throw new ArgumentException($"a replay digest is 16 bytes, not {digest.Length}", nameof(digest));
}
