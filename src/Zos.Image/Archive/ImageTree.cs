namespace Zos.Image.Archive;

/// <summary>
/// The initramfs being assembled: paths to entries, each parent directory added with its first child. A path is
/// added once; adding it again with other content is a recipe error (two packages claiming one file).
/// </summary>
public sealed class ImageTree
{
    private readonly SortedDictionary<string, CpioEntry> _entries = new(StringComparer.Ordinal);

    public IEnumerable<CpioEntry> Entries => _entries.Values;

    public bool Contains(string path) => _entries.ContainsKey(path);

    public CpioEntry? Get(string path) => _entries.GetValueOrDefault(path);

    public void AddDirectory(string path) => Add(CpioEntry.Directory(path));

    public void AddFile(string path, byte[] data, bool executable) => Add(CpioEntry.File(path, data, executable));

    public void AddSymlink(string path, string target) => Add(CpioEntry.Symlink(path, target));

    private void Add(CpioEntry entry)
    {
        var slash = entry.Path.LastIndexOf('/');
        if (slash > 0 && !_entries.ContainsKey(entry.Path[..slash]))
            Add(CpioEntry.Directory(entry.Path[..slash]));
        if (_entries.TryGetValue(entry.Path, out var existing))
        {
            if (existing.Kind == CpioEntryKind.Directory && entry.Kind == CpioEntryKind.Directory)
                return;
            if (existing.Kind != entry.Kind || !existing.Data.Span.SequenceEqual(entry.Data.Span))
                throw new InvalidOperationException($"the image would hold '{entry.Path}' twice with different contents");
            return;
        }
        _entries[entry.Path] = entry;
    }
}
