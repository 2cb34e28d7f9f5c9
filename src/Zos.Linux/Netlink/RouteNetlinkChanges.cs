using Zos.Linux.Namespaces;

namespace Zos.Linux.Netlink;

/// <summary>
/// Tells whether a namespace's links, addresses or routes may have changed since the last look, without reading
/// them: a socket joined to the rtnetlink multicast groups of links, IPv4/IPv6 addresses and IPv4/IPv6 routes, whose
/// queue is drained without waiting. Any notification, or a lost one (ENOBUFS overrun), counts as a change; so
/// a state read after <see cref="TakeChanged"/> returned false-then-read stays valid until it returns true.
/// </summary>
public sealed class RouteNetlinkChanges : IDisposable
{
    private const RouteNetlinkGroups Groups = RouteNetlinkGroups.Links | RouteNetlinkGroups.IPv4Addresses | RouteNetlinkGroups.IPv6Addresses
        | RouteNetlinkGroups.IPv4Routes | RouteNetlinkGroups.IPv6Routes;

    private readonly NetlinkSocket _socket;

    private RouteNetlinkChanges(NetlinkSocket socket) => _socket = socket;

    /// <summary>Watches the calling thread's namespace.</summary>
    public static RouteNetlinkChanges Open() => new(NetlinkSocket.Open((uint)Groups));

    /// <summary>Watches <paramref name="ns"/> (socket created on a dedicated setns'd thread).</summary>
    public static RouteNetlinkChanges Open(NetworkNamespace ns)
    {
        ArgumentNullException.ThrowIfNull(ns);
        return new(NetlinkSocket.Wrap(ns.Run($"watch links, addresses and routes in {ns.Label}", static () => NetlinkSocket.OpenRaw((uint)Groups))));
    }

    /// <summary>True when a notification arrived (or was lost) since the previous call or since opening; empties the queue.</summary>
    public bool TakeChanged() => _socket.DrainPending() > 0;

    /// <summary>Stops watching.</summary>
    public void Dispose() => _socket.Dispose();
}
