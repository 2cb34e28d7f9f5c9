using Zos.Core.Primitives;
using Zos.Linux.Namespaces;

namespace Zos.Linux.Netlink;

/// <summary>
/// Settings applied in the same RTM_NEWLINK that creates a link (one message instead of several).
/// </summary>
public sealed record LinkCreateOptions
{
    /// <summary>IFLA_MTU.</summary>
    public uint? Mtu { get; init; }

    /// <summary>IFLA_ADDRESS.</summary>
    public MacAddress? Mac { get; init; }

    /// <summary>IFLA_GROUP: tag links so they can be deleted together (<see cref="RouteNetlink.DeleteLinkGroup"/>).</summary>
    public uint? Group { get; init; }

    /// <summary>IFLA_MASTER: the bridge to enslave the link to (a name in the socket's namespace).</summary>
    public string? Master { get; init; }

    /// <summary>IFLA_NET_NS_FD: create the link directly in this namespace.</summary>
    public NetworkNamespace? Namespace { get; init; }

    /// <summary>Bring the link up (IFF_UP in ifi_flags/ifi_change).</summary>
    public bool Up { get; init; }
}
