namespace Zos.Linux.Netlink;

/// <summary>rtnetlink multicast groups (RTMGRP_* of linux/rtnetlink.h) to subscribe to.</summary>
[Flags]
public enum RouteNetlinkGroups : uint
{
    /// <summary>No group.</summary>
    None = 0,
    /// <summary>RTMGRP_LINK: links created, changed, deleted.</summary>
    Links = 0x1,
    /// <summary>RTMGRP_IPV4_IFADDR.</summary>
    IPv4Addresses = 0x10,
    /// <summary>RTMGRP_IPV4_ROUTE.</summary>
    IPv4Routes = 0x40,
    /// <summary>RTMGRP_IPV6_IFADDR.</summary>
    IPv6Addresses = 0x100,
    /// <summary>RTMGRP_IPV6_ROUTE.</summary>
    IPv6Routes = 0x400,
}
