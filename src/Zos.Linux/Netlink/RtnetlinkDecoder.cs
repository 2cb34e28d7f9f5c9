using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Zos.Core.Primitives;
using Zos.Linux.Netlink.Kernel;
using static Zos.Linux.Netlink.Kernel.IfAddrConstants;
using static Zos.Linux.Netlink.Kernel.IfLinkConstants;
using static Zos.Linux.Netlink.Kernel.RtnetlinkConstants;

namespace Zos.Linux.Netlink;

/// <summary>
/// Decodes rtnetlink payloads into models: RTM_NEWLINK (linux/rtnetlink.h struct ifinfomsg, linux/if_link.h),
/// RTM_NEWADDR (linux/if_addr.h), RTM_NEWROUTE (struct rtmsg), AF_BRIDGE VLAN lists (linux/if_bridge.h) and
/// NLMSG_ERROR acknowledgements (linux/netlink.h struct nlmsgerr + NLMSGERR_ATTR_*). Pure: no IO.
/// </summary>
public static class RtnetlinkDecoder
{
    /// <summary>Decodes the payload of an RTM_NEWLINK/RTM_DELLINK message.</summary>
    public static LinkInfo DecodeLink(ReadOnlySpan<byte> payload)
    {
        RequireLength(payload, IfInfoMsgSize, "ifinfomsg");
        var type = BinaryPrimitives.ReadUInt16LittleEndian(payload[2..]);
        var index = BinaryPrimitives.ReadInt32LittleEndian(payload[4..]);
        var flags = BinaryPrimitives.ReadUInt32LittleEndian(payload[8..]);
        string? name = null, kind = null, portKind = null;
        MacAddress? mac = null;
        uint mtu = 0, group = 0;
        int? master = null, link = null, netnsId = null;
        bool? carrier = null, vlanFiltering = null;
        uint? macvlanMode = null;
        var operState = LinkOperationalState.Unknown;
        var attributes = new NetlinkAttributeReader(payload[IfInfoMsgSize..]);
        while (attributes.TryRead(out var a))
        {
            switch (a.Type)
            {
                case IFLA_IFNAME: name = a.GetString(); break;
                case IFLA_ADDRESS: mac = a.Value.Length == 6 ? new MacAddress(a.Value) : null; break;
                case IFLA_MTU: mtu = a.GetUInt32(); break;
                case IFLA_MASTER: master = a.GetInt32(); break;
                case IFLA_LINK: link = a.GetInt32(); break;
                case IFLA_CARRIER: carrier = a.GetByte() != 0; break;
                case IFLA_OPERSTATE: operState = (LinkOperationalState)a.GetByte(); break;
                case IFLA_LINK_NETNSID: netnsId = a.GetInt32(); break;
                case IFLA_GROUP: group = a.GetUInt32(); break;
                case IFLA_LINKINFO:
                    DecodeLinkInfo(a.GetNested(), ref kind, ref portKind, ref vlanFiltering, ref macvlanMode);
                    break;
            }
        }
        return new LinkInfo
        {
            Index = index,
            Name = name ?? throw new NetlinkFormatException($"link {index}: RTM_NEWLINK without IFLA_IFNAME"),
            Kind = kind,
            PortKind = portKind,
            Mac = mac,
            Mtu = mtu,
            MasterIndex = master is null or 0 ? null : master,
            LinkIndex = link is null or 0 ? null : link,
            Carrier = carrier,
            OperationalState = operState,
            Flags = (LinkFlags)flags,
            LinkNetnsId = netnsId,
            Group = group,
            HardwareType = type,
            VlanFiltering = vlanFiltering,
            MacvlanMode = macvlanMode,
        };
    }

    private static void DecodeLinkInfo(NetlinkAttributeReader info, ref string? kind, ref string? portKind, ref bool? vlanFiltering, ref uint? macvlanMode)
    {
        var data = ReadOnlySpan<byte>.Empty;
        while (info.TryRead(out var a))
        {
            switch (a.Type)
            {
                case IFLA_INFO_KIND: kind = a.GetString(); break;
                case IFLA_INFO_SLAVE_KIND: portKind = a.GetString(); break;
                case IFLA_INFO_DATA: data = a.Value; break;
            }
        }
        // IFLA_INFO_DATA's layout depends on the kind, which may come before or after it.
        var reader = new NetlinkAttributeReader(data);
        while (reader.TryRead(out var d))
        {
            if (kind == "bridge" && d.Type == IFLA_BR_VLAN_FILTERING)
                vlanFiltering = d.GetByte() != 0;
            else if (kind is "macvlan" or "macvtap" && d.Type == IFLA_MACVLAN_MODE)
                macvlanMode = d.GetUInt32();
        }
    }

    /// <summary>Decodes the payload of an RTM_NEWADDR/RTM_DELADDR message.</summary>
    public static AddressInfo DecodeAddress(ReadOnlySpan<byte> payload)
    {
        RequireLength(payload, IfAddrMsgSize, "ifaddrmsg");
        var family = payload[0];
        var prefixLength = payload[1];
        uint flags = payload[2];
        var scope = payload[3];
        var index = BinaryPrimitives.ReadInt32LittleEndian(payload[4..]);
        IPAddress? address = null, local = null;
        string? label = null;
        var attributes = new NetlinkAttributeReader(payload[IfAddrMsgSize..]);
        while (attributes.TryRead(out var a))
        {
            switch (a.Type)
            {
                case IFA_ADDRESS: address = a.GetIPAddress(); break;
                case IFA_LOCAL: local = a.GetIPAddress(); break;
                case IFA_LABEL: label = a.GetString(); break;
                case IFA_FLAGS: flags = a.GetUInt32(); break;
            }
        }
        // For IPv4, IFA_LOCAL is the interface's own address and IFA_ADDRESS the peer (equal unless point-to-point).
        var own = local ?? address ?? throw new NetlinkFormatException($"address on link {index}: RTM_NEWADDR without IFA_LOCAL or IFA_ADDRESS");
        CheckFamily(family, own, "address");
        return new AddressInfo
        {
            LinkIndex = index,
            Address = own,
            PrefixLength = prefixLength,
            Flags = (AddressFlags)flags,
            Scope = scope,
            Label = label,
            Peer = local is not null && address is not null && !address.Equals(local) ? address : null,
        };
    }

    /// <summary>Decodes the payload of an RTM_NEWROUTE/RTM_DELROUTE message.</summary>
    public static RouteInfo DecodeRoute(ReadOnlySpan<byte> payload)
    {
        RequireLength(payload, RtMsgSize, "rtmsg");
        var family = payload[0];
        var destinationLength = payload[1];
        uint table = payload[4];
        var protocol = payload[5];
        var scope = payload[6];
        var type = payload[7];
        if (family is not (AF_INET or AF_INET6))
            throw new NetlinkFormatException($"route: address family {family} is neither AF_INET nor AF_INET6");
        var maxLength = family == AF_INET ? 32 : 128;
        if (destinationLength > maxLength)
            throw new NetlinkFormatException($"route: rtm_dst_len {destinationLength} exceeds {maxLength}");
        IPAddress? destination = null, gateway = null, preferredSource = null;
        int? oif = null;
        uint? metric = null;
        var attributes = new NetlinkAttributeReader(payload[RtMsgSize..]);
        while (attributes.TryRead(out var a))
        {
            switch (a.Type)
            {
                case RTA_DST: destination = a.GetIPAddress(); break;
                case RTA_GATEWAY: gateway = a.GetIPAddress(); break;
                case RTA_OIF: oif = a.GetInt32(); break;
                case RTA_PRIORITY: metric = a.GetUInt32(); break;
                case RTA_PREFSRC: preferredSource = a.GetIPAddress(); break;
                case RTA_TABLE: table = a.GetUInt32(); break;
            }
        }
        destination ??= family == AF_INET ? IPAddress.Any : IPAddress.IPv6Any;
        CheckFamily(family, destination, "route destination");
        IPNetwork network;
        try
        {
            network = new IPNetwork(destination, destinationLength);
        }
        catch (ArgumentException)
        {
            throw new NetlinkFormatException($"route destination {destination}/{destinationLength} has host bits set");
        }
        return new RouteInfo
        {
            Destination = network,
            Gateway = gateway,
            OutputLinkIndex = oif,
            Table = table,
            Metric = metric,
            PreferredSource = preferredSource,
            Protocol = protocol,
            Scope = scope,
            Type = type,
        };
    }

    /// <summary>Decodes the VLAN list of an AF_BRIDGE RTM_NEWLINK message (IFLA_AF_SPEC / IFLA_BRIDGE_VLAN_INFO).</summary>
    public static IReadOnlyList<BridgeVlan> DecodeBridgeVlans(ReadOnlySpan<byte> payload)
    {
        RequireLength(payload, IfInfoMsgSize, "ifinfomsg");
        var result = new List<BridgeVlan>();
        var attributes = new NetlinkAttributeReader(payload[IfInfoMsgSize..]);
        while (attributes.TryRead(out var a))
        {
            if (a.Type != IFLA_AF_SPEC)
                continue;
            var spec = a.GetNested();
            while (spec.TryRead(out var v))
            {
                if (v.Type != IFLA_BRIDGE_VLAN_INFO)
                    continue;
                if (v.Value.Length < 4)
                    throw new NetlinkFormatException($"IFLA_BRIDGE_VLAN_INFO needs 4 bytes, got {v.Value.Length}");
                var flags = BinaryPrimitives.ReadUInt16LittleEndian(v.Value);
                var vid = BinaryPrimitives.ReadUInt16LittleEndian(v.Value[2..]);
                result.Add(new BridgeVlan(vid, (flags & BRIDGE_VLAN_INFO_PVID) != 0, (flags & BRIDGE_VLAN_INFO_UNTAGGED) != 0));
            }
        }
        return result;
    }

    /// <summary>
    /// Decodes an NLMSG_ERROR payload (struct nlmsgerr): the errno (0 for an ACK), the header of the request it
    /// answers, and the extended-ack message (NLMSGERR_ATTR_MSG) when NLM_F_ACK_TLVS is set.
    /// </summary>
    public static NetlinkAck DecodeAck(NetlinkMessage message)
    {
        var payload = message.Payload;
        RequireLength(payload, 4 + NetlinkMessageHeader.Size, "nlmsgerr");
        var error = BinaryPrimitives.ReadInt32LittleEndian(payload);
        var request = NetlinkMessageHeader.Read(payload[4..]);
        string? text = null;
        if ((message.Header.Flags & NetlinkHeaderConstants.NLM_F_ACK_TLVS) != 0)
        {
            // Without NLM_F_CAPPED the kernel echoes the whole request before the TLVs.
            var echoed = (message.Header.Flags & NetlinkHeaderConstants.NLM_F_CAPPED) != 0
                ? NetlinkMessageHeader.Size
                : (int)Math.Min(request.Length, int.MaxValue);
            var tlvStart = 4 + NetlinkHeaderConstants.Align(echoed);
            if (tlvStart > payload.Length)
                throw new NetlinkFormatException($"nlmsgerr: echoed request of {echoed} bytes exceeds the {payload.Length - 4} bytes present");
            var tlvs = new NetlinkAttributeReader(payload[tlvStart..]);
            while (tlvs.TryRead(out var a))
            {
                if (a.Type == NetlinkHeaderConstants.NLMSGERR_ATTR_MSG)
                    text = a.GetString();
            }
        }
        return new NetlinkAck(-error, request.Sequence, text);
    }

    private static void RequireLength(ReadOnlySpan<byte> payload, int size, string what)
    {
        if (payload.Length < size)
            throw new NetlinkFormatException($"{what} needs {size} bytes, the message has {payload.Length}");
    }

    private static void CheckFamily(byte family, IPAddress address, string what)
    {
        var expected = family switch
        {
            AF_INET => AddressFamily.InterNetwork,
            AF_INET6 => AddressFamily.InterNetworkV6,
            _ => throw new NetlinkFormatException($"{what}: address family {family} is neither AF_INET nor AF_INET6"),
        };
        if (address.AddressFamily != expected)
            throw new NetlinkFormatException($"{what} {address}: length does not match address family {family}");
    }
}
