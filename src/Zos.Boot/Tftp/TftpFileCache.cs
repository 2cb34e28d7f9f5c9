namespace Zos.Boot.Tftp;

/// <summary>
/// Whole-file snapshots of the small files a boot server hands out (iPXE loaders are under 1 MB), so a transfer
/// copies each block from memory instead of issuing a pread per block. A snapshot is reused while the file's length
/// and modification time are unchanged, so replacing a loader on disk is picked up by the next request; a transfer
/// keeps the snapshot it started with, so it never mixes two versions of a file. Files above
/// <see cref="MaxFileBytes"/> or beyond the total budget are not cached and are read per block by the caller.
/// </summary>
public sealed class TftpFileCache(long maxFileBytes = 16 << 20, long maxTotalBytes = 128 << 20)
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private long _totalBytes;

    public long MaxFileBytes { get; } = maxFileBytes;

    public long MaxTotalBytes { get; } = maxTotalBytes;

    /// <summary>Requests answered from a snapshot already in memory.</summary>
    public long Hits { get; private set; }

    /// <summary>
    /// The content of <paramref name="fullPath"/> (already resolved inside the TFTP root), or null when the file is too
    /// large to cache. Throws the IO exceptions of reading the file.
    /// </summary>
    public byte[]? Get(string fullPath)
    {
        var info = new FileInfo(fullPath);
        if (!info.Exists)
            throw new FileNotFoundException($"{fullPath} vanished before the transfer", fullPath);
        var length = info.Length;
        var written = info.LastWriteTimeUtc;
        if (length > MaxFileBytes)
            return null;
        lock (_lock)
        {
            if (_entries.TryGetValue(fullPath, out var cached) && cached.Content.LongLength == length && cached.Written == written)
            {
                Hits++;
                return cached.Content;
            }
        }
        var content = File.ReadAllBytes(fullPath);
        lock (_lock)
        {
            if (_entries.Remove(fullPath, out var stale))
                _totalBytes -= stale.Content.LongLength;
            if (_totalBytes + content.LongLength <= MaxTotalBytes)
            {
                _entries[fullPath] = new Entry(content, written);
                _totalBytes += content.LongLength;
            }
        }
        return content;
    }

    private sealed record Entry(byte[] Content, DateTime Written);
}
