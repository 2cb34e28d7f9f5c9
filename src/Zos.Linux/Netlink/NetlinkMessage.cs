namespace Zos.Linux.Netlink;

/// <summary>One netlink message: its header and the payload after it (nlmsg_len - 16 bytes, already bounds-checked).</summary>
public readonly ref struct NetlinkMessage
{
    /// <summary>Creates a view of a message.</summary>
    public NetlinkMessage(NetlinkMessageHeader header, ReadOnlySpan<byte> payload)
    {
        Header = header;
        Payload = payload;
    }

    /// <summary>The message header.</summary>
    public NetlinkMessageHeader Header { get; }

    /// <summary>The bytes after the header (family header such as ifinfomsg, then attributes).</summary>
    public ReadOnlySpan<byte> Payload { get; }
}
