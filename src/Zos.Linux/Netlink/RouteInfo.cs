using System.Net;
using Zos.Linux.Netlink.Kernel;

namespace Zos.Linux.Netlink;

/// <summary>A route as the kernel reports it in RTM_NEWROUTE (rtmsg + RTA_* attributes).</summary>
public sealed record RouteInfo
{
    /// <summary>RTA_DST/rtm_dst_len; 0.0.0.0/0 or ::/0 for a default route.</summary>
    public required IPNetwork Destination { get; init; }

    /// <summary>RTA_GATEWAY, or null for a link-scope route.</summary>
    public IPAddress? Gateway { get; init; }

    /// <summary>RTA_OIF, or null.</summary>
    public int? OutputLinkIndex { get; init; }

    /// <summary>RTA_TABLE (or rtm_table): 254 main, 255 local.</summary>
    public uint Table { get; init; }

    /// <summary>RTA_PRIORITY (the metric), or null.</summary>
    public uint? Metric { get; init; }

    /// <summary>RTA_PREFSRC, or null.</summary>
    public IPAddress? PreferredSource { get; init; }

    /// <summary>rtm_protocol (2 kernel, 3 boot, 4 static).</summary>
    public byte Protocol { get; init; }

    /// <summary>rtm_scope (0 universe, 253 link, 254 host).</summary>
    public byte Scope { get; init; }

    /// <summary>rtm_type (1 unicast, 2 local, 3 broadcast, ...).</summary>
    public byte Type { get; init; }

    /// <summary>Made by the kernel itself (RTPROT_KERNEL): the prefix of an address on a link, fe80::/64; nobody added it, so nobody removes it.</summary>
    public bool AddedByKernel => Protocol == RtnetlinkConstants.RTPROT_KERNEL;

    /// <summary>An ordinary route to a prefix (RTN_UNICAST), not a local, broadcast, multicast or blackhole entry.</summary>
    public bool IsUnicast => Type == RtnetlinkConstants.RTN_UNICAST;

    /// <summary>A default route (prefix length 0).</summary>
    public bool IsDefault => Destination.PrefixLength == 0;
}
