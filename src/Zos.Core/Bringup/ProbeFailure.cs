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

    /// <summary>
    /// Carrier, but the probe was stopped before it had an answer because another NIC already works (the
    /// early choice that keeps silent NICs from delaying a good one): neither "no offer" nor IPv6-only is known.
    /// </summary>
    CutShort,

    /// <summary>
    /// Never probed: another NIC already worked before this one's turn came (probes are set up one after the other,
    /// since moving NICs between namespaces is serialized in the kernel anyway).
    /// </summary>
    NotProbed,

    /// <summary>The probe itself failed (namespace, netlink or helper error); the detail says what.</summary>
    ProbeError,
}
