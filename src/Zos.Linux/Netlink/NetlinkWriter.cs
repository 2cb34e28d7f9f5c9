using System.Buffers.Binary;
using System.Net;
using System.Text;
using Zos.Linux.Netlink.Kernel;

namespace Zos.Linux.Netlink;

/// <summary>
/// Builds netlink messages into a caller-supplied buffer: header, a family header (ifinfomsg, ifaddrmsg, rtmsg),
/// attributes, nested attributes; lengths and 4-byte padding as linux/netlink.h defines them (NLMSG_ALIGN, NLA_ALIGN).
/// Padding bytes are zeroed. Running out of space throws <see cref="InvalidOperationException"/>.
/// </summary>
public ref struct NetlinkWriter
{
    private readonly Span<byte> _buffer;
    private int _messageStart;

    /// <summary>Writes into <paramref name="buffer"/> from its start.</summary>
    public NetlinkWriter(Span<byte> buffer)
    {
        _buffer = buffer;
        _messageStart = -1;
    }

    /// <summary>Bytes written so far.</summary>
    public int Length { get; private set; }

    /// <summary>The bytes written so far.</summary>
    public readonly ReadOnlySpan<byte> Written => _buffer[..Length];

    /// <summary>Starts a message; <see cref="EndMessage"/> fills in its length.</summary>
    public void BeginMessage(ushort type, ushort flags, uint sequence, uint portId = 0)
    {
        Length = NetlinkHeaderConstants.Align(Length);
        _messageStart = Length;
        var header = Reserve(NetlinkMessageHeader.Size);
        new NetlinkMessageHeader(0, type, flags, sequence, portId).Write(header);
    }

    /// <summary>Ends the current message: writes nlmsg_len (unpadded) and returns the message bytes.</summary>
    public ReadOnlySpan<byte> EndMessage()
    {
        if (_messageStart < 0)
            throw new InvalidOperationException("EndMessage without BeginMessage");
        var length = Length - _messageStart;
        BinaryPrimitives.WriteUInt32LittleEndian(_buffer[_messageStart..], (uint)length);
        var message = _buffer.Slice(_messageStart, length);
        _messageStart = -1;
        return message;
    }

    /// <summary>struct ifinfomsg (linux/rtnetlink.h).</summary>
    public void WriteIfInfo(byte family, int index, uint flags = 0, uint change = 0, ushort deviceType = 0)
    {
        var s = Reserve(IfLinkConstants.IfInfoMsgSize);
        s[0] = family;
        s[1] = 0;
        BinaryPrimitives.WriteUInt16LittleEndian(s[2..], deviceType);
        BinaryPrimitives.WriteInt32LittleEndian(s[4..], index);
        BinaryPrimitives.WriteUInt32LittleEndian(s[8..], flags);
        BinaryPrimitives.WriteUInt32LittleEndian(s[12..], change);
    }

    /// <summary>struct ifaddrmsg (linux/if_addr.h).</summary>
    public void WriteIfAddr(byte family, byte prefixLength, byte flags, byte scope, int index)
    {
        var s = Reserve(IfAddrConstants.IfAddrMsgSize);
        s[0] = family;
        s[1] = prefixLength;
        s[2] = flags;
        s[3] = scope;
        BinaryPrimitives.WriteInt32LittleEndian(s[4..], index);
    }

    /// <summary>struct rtmsg (linux/rtnetlink.h).</summary>
    public void WriteRtMsg(byte family, byte destinationLength, byte table, byte protocol, byte scope, byte type, uint flags = 0)
    {
        var s = Reserve(RtnetlinkConstants.RtMsgSize);
        s[0] = family;
        s[1] = destinationLength;
        s[2] = 0; // rtm_src_len
        s[3] = 0; // rtm_tos
        s[4] = table;
        s[5] = protocol;
        s[6] = scope;
        s[7] = type;
        BinaryPrimitives.WriteUInt32LittleEndian(s[8..], flags);
    }

    /// <summary>struct nfgenmsg (linux/netfilter/nfnetlink.h): family, NFNETLINK_V0, resource id in network order.</summary>
    public void WriteNfGenMsg(byte family, ushort resourceId = 0)
    {
        var s = Reserve(4);
        s[0] = family;
        s[1] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(s[2..], resourceId);
    }

    /// <summary>An attribute with raw value bytes.</summary>
    public void WriteAttribute(ushort type, scoped ReadOnlySpan<byte> value)
    {
        var s = ReserveAttribute(type, value.Length);
        value.CopyTo(s);
    }

    /// <summary>A flag attribute without value.</summary>
    public void WriteAttribute(ushort type) => ReserveAttribute(type, 0);

    /// <summary>A u8 attribute.</summary>
    public void WriteByte(ushort type, byte value) => ReserveAttribute(type, 1)[0] = value;

    /// <summary>A u16 attribute.</summary>
    public void WriteUInt16(ushort type, ushort value) => BinaryPrimitives.WriteUInt16LittleEndian(ReserveAttribute(type, 2), value);

    /// <summary>A u32 attribute.</summary>
    public void WriteUInt32(ushort type, uint value) => BinaryPrimitives.WriteUInt32LittleEndian(ReserveAttribute(type, 4), value);

    /// <summary>An s32 attribute.</summary>
    public void WriteInt32(ushort type, int value) => BinaryPrimitives.WriteInt32LittleEndian(ReserveAttribute(type, 4), value);

    /// <summary>A NUL-terminated string attribute (IFLA_IFNAME, IFLA_INFO_KIND).</summary>
    public void WriteString(ushort type, string value)
    {
        var byteCount = Encoding.UTF8.GetByteCount(value);
        var s = ReserveAttribute(type, byteCount + 1);
        Encoding.UTF8.GetBytes(value, s);
        s[byteCount] = 0;
    }

    /// <summary>An address attribute in network order (4 or 16 bytes).</summary>
    public void WriteIPAddress(ushort type, IPAddress address)
    {
        var s = ReserveAttribute(type, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 4 : 16);
        if (!address.TryWriteBytes(s, out _))
            throw new InvalidOperationException($"cannot encode address {address}");
    }

    /// <summary>Starts a nested attribute; pass the returned offset to <see cref="EndNested"/>.</summary>
    public int BeginNested(ushort type)
    {
        var start = Length;
        ReserveAttribute(type, 0);
        return start;
    }

    /// <summary>Ends a nested attribute: its length covers everything written since <see cref="BeginNested"/>.</summary>
    public void EndNested(int start)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(_buffer[start..], (ushort)(Length - start));
    }

    private Span<byte> ReserveAttribute(ushort type, int valueLength)
    {
        var total = NetlinkHeaderConstants.NLA_HDRLEN + valueLength;
        if (total > ushort.MaxValue)
            throw new InvalidOperationException($"attribute {type} of {valueLength} bytes exceeds the 64 KiB nla_len limit");
        var s = Reserve(NetlinkHeaderConstants.Align(total));
        BinaryPrimitives.WriteUInt16LittleEndian(s, (ushort)total);
        BinaryPrimitives.WriteUInt16LittleEndian(s[2..], type);
        return s.Slice(NetlinkHeaderConstants.NLA_HDRLEN, valueLength);
    }

    private Span<byte> Reserve(int count)
    {
        if (Length + count > _buffer.Length)
            throw new InvalidOperationException($"netlink message needs more than the {_buffer.Length}-byte buffer");
        var s = _buffer.Slice(Length, count);
        s.Clear();
        Length += count;
        return s;
    }
}
