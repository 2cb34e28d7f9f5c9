using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using static Zos.Linux.Netlink.Kernel.IfAddrConstants;
using static Zos.Linux.Netlink.Kernel.IfLinkConstants;
using static Zos.Linux.Netlink.Kernel.RtnetlinkConstants;

namespace Zos.Linux.Netlink;

/// <summary>
/// Pure encoders of rtnetlink request bodies (what follows the nlmsghdr), laid out as linux/rtnetlink.h,
/// linux/if_link.h, linux/if_addr.h, linux/veth.h and linux/if_bridge.h define them, in the shape iproute2 sends.
/// </summary>
internal static class RtnetlinkRequests
{
    /// <summary>Link dump / get: ifinfomsg for <paramref name="family"/>, optional IFLA_IFNAME, IFLA_EXT_MASK.</summary>
    public static void GetLink(ref NetlinkWriter w, byte family, int index, string? name, uint extMask)
    {
        w.WriteIfInfo(family, index);
        if (name is not null)
            w.WriteString(IFLA_IFNAME, name);
        w.WriteUInt32(IFLA_EXT_MASK, extMask);
    }

    /// <summary>RTM_NEWLINK creating a link of <paramref name="kind"/>; <paramref name="infoData"/> fills IFLA_INFO_DATA.</summary>
    public static void NewLink(ref NetlinkWriter w, in LinkAttributes link, string kind, int? parentIndex, RequestBody? infoData)
    {
        w.WriteIfInfo(AF_UNSPEC, 0, link.Up ? IFF_UP : 0, link.Up ? IFF_UP : 0);
        WriteLinkAttributes(ref w, link);
        if (parentIndex is not null)
            w.WriteInt32(IFLA_LINK, parentIndex.Value);
        var info = w.BeginNested(IFLA_LINKINFO);
        w.WriteString(IFLA_INFO_KIND, kind);
        if (infoData is not null)
        {
            var data = w.BeginNested(IFLA_INFO_DATA);
            infoData(ref w);
            w.EndNested(data);
        }
        w.EndNested(info);
    }

    /// <summary>The veth IFLA_INFO_DATA: VETH_INFO_PEER holding the peer's ifinfomsg and attributes.</summary>
    public static void VethPeer(ref NetlinkWriter w, in LinkAttributes peer)
    {
        var nest = w.BeginNested(VETH_INFO_PEER);
        w.WriteIfInfo(AF_UNSPEC, 0, peer.Up ? IFF_UP : 0, peer.Up ? IFF_UP : 0);
        WriteLinkAttributes(ref w, peer);
        w.EndNested(nest);
    }

    private static void WriteLinkAttributes(ref NetlinkWriter w, in LinkAttributes link)
    {
        w.WriteString(IFLA_IFNAME, link.Name);
        if (link.Mtu is { } mtu)
            w.WriteUInt32(IFLA_MTU, mtu);
        if (link.Mac is { } mac)
        {
            Span<byte> bytes = stackalloc byte[6];
            mac.WriteBytes(bytes);
            w.WriteAttribute(IFLA_ADDRESS, bytes);
        }
        if (link.Group is { } group)
            w.WriteUInt32(IFLA_GROUP, group);
        if (link.MasterIndex is { } master)
            w.WriteInt32(IFLA_MASTER, master);
        if (link.NamespaceFd is { } fd)
            w.WriteInt32(IFLA_NET_NS_FD, fd);
    }

    /// <summary>RTM_NEWLINK (no create flags) changing IFF_UP of an existing link.</summary>
    public static void SetUp(ref NetlinkWriter w, int index, bool up) => w.WriteIfInfo(AF_UNSPEC, index, up ? IFF_UP : 0, IFF_UP);

    /// <summary>RTM_DELLINK deleting every link of a group (ifindex 0, no name, IFLA_GROUP).</summary>
    public static void DeleteGroup(ref NetlinkWriter w, uint group)
    {
        w.WriteIfInfo(AF_UNSPEC, 0);
        w.WriteUInt32(IFLA_GROUP, group);
    }

    /// <summary>
    /// RTM_SETLINK/RTM_DELLINK for AF_BRIDGE (iproute2 bridge/vlan.c): IFLA_AF_SPEC holding IFLA_BRIDGE_FLAGS
    /// (BRIDGE_FLAGS_SELF when the VLAN is for the bridge device itself) and IFLA_BRIDGE_VLAN_INFO {flags, vid}.
    /// </summary>
    public static void BridgeVlan(ref NetlinkWriter w, int index, BridgeVlan vlan, bool self)
    {
        w.WriteIfInfo(AF_BRIDGE, index);
        var spec = w.BeginNested(IFLA_AF_SPEC);
        if (self)
            w.WriteUInt16(IFLA_BRIDGE_FLAGS, BRIDGE_FLAGS_SELF);
        Span<byte> info = stackalloc byte[4];
        ushort flags = 0;
        if (vlan.Pvid)
            flags |= BRIDGE_VLAN_INFO_PVID;
        if (vlan.Untagged)
            flags |= BRIDGE_VLAN_INFO_UNTAGGED;
        BinaryPrimitives.WriteUInt16LittleEndian(info, flags);
        BinaryPrimitives.WriteUInt16LittleEndian(info[2..], vlan.VlanId);
        w.WriteAttribute(IFLA_BRIDGE_VLAN_INFO, info);
        w.EndNested(spec);
    }

    /// <summary>RTM_NEWADDR/RTM_DELADDR: ifaddrmsg, IFA_LOCAL and IFA_ADDRESS (both the address, as iproute2 sends), IFA_FLAGS.</summary>
    public static void Address(ref NetlinkWriter w, int index, IPAddress address, int prefixLength, AddressFlags flags)
    {
        var family = FamilyOf(address);
        w.WriteIfAddr(family, (byte)prefixLength, (byte)((uint)flags & 0xFF), RT_SCOPE_UNIVERSE, index);
        w.WriteIPAddress(IFA_LOCAL, address);
        w.WriteIPAddress(IFA_ADDRESS, address);
        if ((uint)flags > 0xFF)
            w.WriteUInt32(IFA_FLAGS, (uint)flags);
    }

    /// <summary>
    /// RTM_NEWROUTE/RTM_DELROUTE as iproute2 builds it: for add, protocol boot, type unicast, scope universe with a
    /// gateway and link without; for delete, protocol/type unspecified and scope nowhere (wildcards). Tables above
    /// 255 go in RTA_TABLE.
    /// </summary>
    public static void Route(ref NetlinkWriter w, RouteSpec route, int? outputIndex, bool delete)
    {
        var family = FamilyOf(route.Destination.BaseAddress);
        if (route.Gateway is not null && FamilyOf(route.Gateway) != family)
            throw new ArgumentException($"route {route}: gateway {route.Gateway} is not in the destination's address family", nameof(route));
        var table = route.Table < 256 ? (byte)route.Table : RT_TABLE_UNSPEC;
        if (delete)
            w.WriteRtMsg(family, (byte)route.Destination.PrefixLength, table, RTPROT_UNSPEC, RT_SCOPE_NOWHERE, RTN_UNSPEC);
        else
            w.WriteRtMsg(family, (byte)route.Destination.PrefixLength, table, RTPROT_BOOT,
                route.Gateway is null ? RT_SCOPE_LINK : RT_SCOPE_UNIVERSE, RTN_UNICAST);
        if (route.Table >= 256)
            w.WriteUInt32(RTA_TABLE, route.Table);
        if (route.Destination.PrefixLength > 0)
            w.WriteIPAddress(RTA_DST, route.Destination.BaseAddress);
        if (route.Gateway is not null)
            w.WriteIPAddress(RTA_GATEWAY, route.Gateway);
        if (outputIndex is not null)
            w.WriteInt32(RTA_OIF, outputIndex.Value);
        if (route.Metric is { } metric)
            w.WriteUInt32(RTA_PRIORITY, metric);
        if (route.PreferredSource is not null)
            w.WriteIPAddress(RTA_PREFSRC, route.PreferredSource);
    }

    /// <summary>AF_INET or AF_INET6 for an address.</summary>
    public static byte FamilyOf(IPAddress address) => address.AddressFamily switch
    {
        AddressFamily.InterNetwork => AF_INET,
        AddressFamily.InterNetworkV6 => AF_INET6,
        _ => throw new ArgumentException($"address {address} is neither IPv4 nor IPv6", nameof(address)),
    };
}
