using Zos.Linux.Namespaces;

namespace Zos.Node.Network;

/// <summary>
/// The <see cref="NamespaceWatch"/> of each namespace the network manager reads, by name, checked against the
/// namespace's current inode at every lookup (one open and fstat): gone means dropped (its sockets no longer keep a
/// deleted namespace alive), replaced means opened again. The host namespace (null name: the daemon's own) is opened once.
/// </summary>
internal sealed class NamespaceWatches(string? hostNamespace) : IDisposable
{
    private readonly Dictionary<string, NamespaceWatch> _named = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private NamespaceWatch? _current;

    /// <summary>The node's host namespace.</summary>
    public NamespaceWatch Host
    {
        get
        {
            if (hostNamespace is not null)
                return Find(hostNamespace) ?? throw new InvalidOperationException($"host namespace '{hostNamespace}' does not exist");
            lock (_lock)
            {
                if (_current is null)
                {
                    using var ns = NetworkNamespace.OpenCurrent();
                    _current = NamespaceWatch.Open(ns);
                }
                return _current;
            }
        }
    }

    /// <summary>The watch of /run/netns/<paramref name="name"/> as it is now, or null when it does not exist.</summary>
    public NamespaceWatch? Find(string name)
    {
        lock (_lock)
        {
            var inode = NetworkNamespace.InodeOf(name);
            if (_named.TryGetValue(name, out var watch))
            {
                if (watch.Inode == inode)
                    return watch;
                _named.Remove(name);
                watch.Dispose();
            }
            if (inode is null)
                return null;
            using var ns = NetworkNamespace.Open(name);
            watch = NamespaceWatch.Open(ns);
            _named[name] = watch;
            return watch;
        }
    }

    /// <summary>Closes the watch of <paramref name="name"/> (before deleting the namespace: its sockets would keep it alive).</summary>
    public void Forget(string name)
    {
        lock (_lock)
        {
            if (_named.Remove(name, out var watch))
                watch.Dispose();
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var w in _named.Values)
                w.Dispose();
            _named.Clear();
            _current?.Dispose();
            _current = null;
        }
    }
}
