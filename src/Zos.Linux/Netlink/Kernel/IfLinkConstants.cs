namespace Zos.Linux.Netlink.Kernel;

/// <summary>
/// Constants of linux/if_link.h (IFLA_*, IFLA_INFO_*, IFLA_BR_*, IFLA_MACVLAN_*), linux/veth.h (VETH_INFO_PEER),
/// linux/if.h (IFF_*) and linux/if_bridge.h (IFLA_BRIDGE_*, BRIDGE_FLAGS_*, BRIDGE_VLAN_INFO_*).
/// </summary>
internal static class IfLinkConstants
{
    /// <summary>sizeof(struct ifinfomsg): family, pad, type(u16), index(s32), flags(u32), change(u32).</summary>
    public const int IfInfoMsgSize = 16;

    public const ushort IFLA_ADDRESS = 1;
    public const ushort IFLA_BROADCAST = 2;
    public const ushort IFLA_IFNAME = 3;
    public const ushort IFLA_MTU = 4;
    public const ushort IFLA_LINK = 5;
    public const ushort IFLA_MASTER = 10;
    public const ushort IFLA_TXQLEN = 13;
    public const ushort IFLA_OPERSTATE = 16;
    public const ushort IFLA_LINKMODE = 17;
    public const ushort IFLA_LINKINFO = 18;
    public const ushort IFLA_NET_NS_PID = 19;
    public const ushort IFLA_AF_SPEC = 26;
    public const ushort IFLA_GROUP = 27;
    public const ushort IFLA_NET_NS_FD = 28;
    public const ushort IFLA_EXT_MASK = 29;
    public const ushort IFLA_CARRIER = 33;
    public const ushort IFLA_LINK_NETNSID = 37;

    // enum IFLA_INFO_*: nested inside IFLA_LINKINFO.
    public const ushort IFLA_INFO_KIND = 1;
    public const ushort IFLA_INFO_DATA = 2;
    public const ushort IFLA_INFO_SLAVE_KIND = 4;

    // Bridge IFLA_INFO_DATA attributes.
    public const ushort IFLA_BR_VLAN_FILTERING = 7;

    // Macvlan IFLA_INFO_DATA attributes and modes.
    public const ushort IFLA_MACVLAN_MODE = 1;
    public const uint MACVLAN_MODE_PRIVATE = 1;
    public const uint MACVLAN_MODE_VEPA = 2;
    public const uint MACVLAN_MODE_BRIDGE = 4;
    public const uint MACVLAN_MODE_PASSTHRU = 8;

    // 802.1Q IFLA_INFO_DATA attributes (linux/if_link.h, IFLA_VLAN_*): the VLAN id, a u16.
    public const ushort IFLA_VLAN_ID = 1;

    // linux/veth.h: the peer's ifinfomsg + attributes, nested in IFLA_INFO_DATA.
    public const ushort VETH_INFO_PEER = 1;

    // RTEXT_FILTER_* for IFLA_EXT_MASK.
    public const uint RTEXT_FILTER_VF = 1;
    public const uint RTEXT_FILTER_BRVLAN = 2;
    public const uint RTEXT_FILTER_SKIP_STATS = 8;

    // linux/if_bridge.h, inside IFLA_AF_SPEC of an AF_BRIDGE message.
    public const ushort IFLA_BRIDGE_FLAGS = 0;
    public const ushort IFLA_BRIDGE_VLAN_INFO = 2;
    public const ushort BRIDGE_FLAGS_MASTER = 1;
    public const ushort BRIDGE_FLAGS_SELF = 2;
    public const ushort BRIDGE_VLAN_INFO_MASTER = 1;
    public const ushort BRIDGE_VLAN_INFO_PVID = 2;
    public const ushort BRIDGE_VLAN_INFO_UNTAGGED = 4;

    // linux/if.h net_device_flags.
    public const uint IFF_UP = 0x1;

    // linux/if_tun.h
    public const nuint TUNSETIFF = 0x400454ca;
    public const nuint TUNSETPERSIST = 0x400454cb;
    public const short IFF_TUN = 0x0001;
    public const short IFF_TAP = 0x0002;
    public const short IFF_NO_PI = 0x1000;
}
