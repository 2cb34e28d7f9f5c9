namespace Zos.Linux.Netlink;

/// <summary>IFLA_OPERSTATE values (linux/if.h, RFC 2863 ifOperStatus).</summary>
public enum LinkOperationalState : byte
{
    /// <summary>IF_OPER_UNKNOWN (loopback, tun without a reader, drivers that do not report).</summary>
    Unknown = 0,
    /// <summary>IF_OPER_NOTPRESENT.</summary>
    NotPresent = 1,
    /// <summary>IF_OPER_DOWN.</summary>
    Down = 2,
    /// <summary>IF_OPER_LOWERLAYERDOWN: up, but the lower layer (carrier, veth peer) is down.</summary>
    LowerLayerDown = 3,
    /// <summary>IF_OPER_TESTING.</summary>
    Testing = 4,
    /// <summary>IF_OPER_DORMANT.</summary>
    Dormant = 5,
    /// <summary>IF_OPER_UP.</summary>
    Up = 6,
}
