using Zos.Core.Primitives;

namespace Zos.Linux.Netlink;

/// <summary>A network interface as the kernel reports it in RTM_NEWLINK (ifinfomsg + IFLA_* attributes).</summary>
public sealed record LinkInfo
{
    /// <summary>ifi_index.</summary>
    public required int Index { get; init; }

    /// <summary>IFLA_IFNAME.</summary>
    public required string Name { get; init; }

    /// <summary>IFLA_INFO_KIND ("bridge", "veth", "macvlan", "tun"), or null for physical and loopback devices.</summary>
    public string? Kind { get; init; }

    /// <summary>IFLA_INFO_SLAVE_KIND: "bridge" for a bridge port, else null.</summary>
    public string? PortKind { get; init; }

    /// <summary>IFLA_ADDRESS when it is a 6-byte Ethernet address, else null (tun devices have none).</summary>
    public MacAddress? Mac { get; init; }

    /// <summary>IFLA_MTU.</summary>
    public uint Mtu { get; init; }

    /// <summary>IFLA_MASTER: the index of the bridge this link is a port of, or null.</summary>
    public int? MasterIndex { get; init; }

    /// <summary>IFLA_LINK: the parent (macvlan) or peer (veth) index, in the peer's namespace when <see cref="LinkNetnsId"/> is set.</summary>
    public int? LinkIndex { get; init; }

    /// <summary>IFLA_CARRIER, or null when not reported.</summary>
    public bool? Carrier { get; init; }

    /// <summary>IFLA_OPERSTATE.</summary>
    public LinkOperationalState OperationalState { get; init; }

    /// <summary>ifi_flags.</summary>
    public LinkFlags Flags { get; init; }

    /// <summary>IFLA_LINK_NETNSID: the namespace id (as seen from this namespace) where the peer/parent lives.</summary>
    public int? LinkNetnsId { get; init; }

    /// <summary>IFLA_GROUP: the link group (0 = default).</summary>
    public uint Group { get; init; }

    /// <summary>ifi_type: the ARPHRD_* hardware type (1 Ethernet, 772 loopback, 65534 none).</summary>
    public ushort HardwareType { get; init; }

    /// <summary>Bridge IFLA_BR_VLAN_FILTERING, for bridges; null otherwise.</summary>
    public bool? VlanFiltering { get; init; }

    /// <summary>Macvlan IFLA_MACVLAN_MODE (4 = bridge), for macvlans; null otherwise.</summary>
    public uint? MacvlanMode { get; init; }

    /// <summary>Administratively up (IFF_UP).</summary>
    public bool IsUp => (Flags & LinkFlags.Up) != 0;
}
