namespace Zos.Core.Bringup;

/// <summary>Why a NIC cannot carry the node to the Internet, in the words the console table uses.</summary>
public enum ProbeFailure
{
    /// <summary>The link has no carrier (IFF_LOWER_UP unset): nothing is plugged in.</summary>
    NoCarrier,

    /// <summary>Carrier, but no DHCPv4 offer and no IPv6 global address with an RA default route.</summary>
    NoOffer,

    /// <summary>A DHCPv4 lease without a router option (and no IPv6 default route).</summary>
    NoRouter,

    /// <summary>The NIC was configured but the connectivity targets did not answer through it.</summary>
    NoRouteOut,

    /// <summary>The probe itself failed (namespace, netlink or helper error); the detail says what.</summary>
    ProbeError,
}
