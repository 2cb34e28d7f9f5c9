namespace Zos.Linux.Netlink;

/// <summary>What a rtnetlink notification says.</summary>
public enum RouteNetlinkEventKind
{
    /// <summary>RTM_NEWLINK: a link was created or changed (state, carrier, master, name...).</summary>
    LinkChanged,
    /// <summary>RTM_DELLINK: a link was deleted (or moved to another namespace).</summary>
    LinkRemoved,
    /// <summary>RTM_NEWADDR.</summary>
    AddressAdded,
    /// <summary>RTM_DELADDR.</summary>
    AddressRemoved,
    /// <summary>The kernel dropped notifications (ENOBUFS): re-read the state you track.</summary>
    Overrun,
}
