using Zos.Linux.Namespaces;
using Zos.Linux.Netlink;
using Zos.Linux.Nftables;

namespace Zos.Node.Network;

/// <summary>
/// Sockets kept open in one namespace between passes, so a pass with nothing to do neither switches namespaces nor
/// spawns anything: rtnetlink for reads, a change watch (link, address and route notifications) that tells when
/// <see cref="Snapshot"/> must be read again, and the nftables generation. Bound to one namespace instance
/// (<see cref="Inode"/>): a namespace deleted and created again under the same name gets a new watch.
/// </summary>
internal sealed class NamespaceWatch : IDisposable
{
    private NamespaceWatch(ulong inode, RouteNetlinkChanges changes, RouteNetlink netlink, NftGeneration nft)
    {
        Inode = inode;
        Changes = changes;
        Netlink = netlink;
        Nft = nft;
    }

    public ulong Inode { get; }

    /// <summary>Notifications since the last look: any means <see cref="Snapshot"/> is stale.</summary>
    public RouteNetlinkChanges Changes { get; }

    public RouteNetlink Netlink { get; }

    public NftGeneration Nft { get; }

    /// <summary>What the owner last read through <see cref="Netlink"/>; valid while <see cref="Changes"/> reports nothing.</summary>
    public object? Snapshot { get; set; }

    /// <summary>
    /// Returns the cached snapshot when nothing changed since it was read, else reads it again with <paramref name="read"/>.
    /// The queue is drained before reading, so a change racing the read shows up at the next call.
    /// </summary>
    public T Read<T>(Func<RouteNetlink, T> read) where T : class
    {
        ArgumentNullException.ThrowIfNull(read);
        if (Changes.TakeChanged() || Snapshot is not T cached)
        {
            cached = read(Netlink);
            Snapshot = cached;
        }
        return cached;
    }

    /// <summary>Opens the watch in <paramref name="ns"/>; the change watch first, so nothing between it and the first read is missed.</summary>
    public static NamespaceWatch Open(NetworkNamespace ns)
    {
        ArgumentNullException.ThrowIfNull(ns);
        var changes = RouteNetlinkChanges.Open(ns);
        RouteNetlink? netlink = null;
        try
        {
            netlink = RouteNetlink.Open(ns);
            return new NamespaceWatch(ns.Inode, changes, netlink, NftGeneration.Open(ns));
        }
        catch
        {
            netlink?.Dispose();
            changes.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Changes.Dispose();
        Netlink.Dispose();
        Nft.Dispose();
    }
}
