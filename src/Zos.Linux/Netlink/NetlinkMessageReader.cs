using Zos.Linux.Netlink.Kernel;

namespace Zos.Linux.Netlink;

/// <summary>
/// Walks the messages of one received datagram (several may be packed, each 4-byte aligned; linux/netlink.h NLMSG_NEXT).
/// Every nlmsg_len is checked against the header size and the bytes that remain before slicing.
/// </summary>
public ref struct NetlinkMessageReader
{
    private ReadOnlySpan<byte> _remaining;

    /// <summary>Reads messages from <paramref name="datagram"/> (exactly the bytes received).</summary>
    public NetlinkMessageReader(ReadOnlySpan<byte> datagram) => _remaining = datagram;

    /// <summary>Reads the next message; false at the end of the datagram; <see cref="NetlinkFormatException"/> when malformed.</summary>
    public bool TryRead(out NetlinkMessage message)
    {
        message = default;
        if (_remaining.IsEmpty)
            return false;
        var header = NetlinkMessageHeader.Read(_remaining);
        if (header.Length < NetlinkMessageHeader.Size)
            throw new NetlinkFormatException($"netlink message length {header.Length} is shorter than its {NetlinkMessageHeader.Size}-byte header");
        if (header.Length > (uint)_remaining.Length)
            throw new NetlinkFormatException($"netlink message length {header.Length} exceeds the {_remaining.Length} bytes received (truncated datagram?)");
        var length = (int)header.Length;
        message = new NetlinkMessage(header, _remaining[NetlinkMessageHeader.Size..length]);
        var next = NetlinkHeaderConstants.Align(length);
        _remaining = next >= _remaining.Length ? default : _remaining[next..];
        return true;
    }
}
