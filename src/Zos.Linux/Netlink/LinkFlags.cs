namespace Zos.Linux.Netlink;

/// <summary>Interface flags, enum net_device_flags (linux/if.h), as reported in ifinfomsg.ifi_flags.</summary>
[Flags]
public enum LinkFlags : uint
{
    /// <summary>No flag set.</summary>
    None = 0,
    /// <summary>IFF_UP: administratively up.</summary>
    Up = 0x1,
    /// <summary>IFF_BROADCAST.</summary>
    Broadcast = 0x2,
    /// <summary>IFF_LOOPBACK.</summary>
    Loopback = 0x8,
    /// <summary>IFF_POINTOPOINT.</summary>
    PointToPoint = 0x10,
    /// <summary>IFF_RUNNING: operationally up (RFC 2863 "up").</summary>
    Running = 0x40,
    /// <summary>IFF_NOARP.</summary>
    NoArp = 0x80,
    /// <summary>IFF_PROMISC.</summary>
    Promiscuous = 0x100,
    /// <summary>IFF_MULTICAST.</summary>
    Multicast = 0x1000,
    /// <summary>IFF_LOWER_UP: the driver signals carrier.</summary>
    LowerUp = 0x10000,
    /// <summary>IFF_DORMANT.</summary>
    Dormant = 0x20000,
}
