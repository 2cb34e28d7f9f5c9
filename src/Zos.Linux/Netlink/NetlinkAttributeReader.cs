using System.Buffers.Binary;
using Zos.Linux.Netlink.Kernel;

namespace Zos.Linux.Netlink;

/// <summary>
/// Walks a run of attributes (linux/netlink.h nla_for_each_attr). Each nla_len is checked against the 4-byte header
/// and the bytes that remain; the padding after a value may be missing at the very end, as the kernel allows.
/// </summary>
public ref struct NetlinkAttributeReader
{
    private ReadOnlySpan<byte> _remaining;

    /// <summary>Reads the attributes packed in <paramref name="attributes"/>.</summary>
    public NetlinkAttributeReader(ReadOnlySpan<byte> attributes) => _remaining = attributes;

    /// <summary>Reads the next attribute; false at the end; <see cref="NetlinkFormatException"/> when a length lies.</summary>
    public bool TryRead(out NetlinkAttribute attribute)
    {
        attribute = default;
        if (_remaining.IsEmpty)
            return false;
        if (_remaining.Length < NetlinkHeaderConstants.NLA_HDRLEN)
            throw new NetlinkFormatException($"attribute header needs {NetlinkHeaderConstants.NLA_HDRLEN} bytes, only {_remaining.Length} remain");
        var length = BinaryPrimitives.ReadUInt16LittleEndian(_remaining);
        var type = BinaryPrimitives.ReadUInt16LittleEndian(_remaining[2..]);
        if (length < NetlinkHeaderConstants.NLA_HDRLEN)
            throw new NetlinkFormatException($"attribute {type & NetlinkHeaderConstants.NLA_TYPE_MASK} length {length} is shorter than its 4-byte header");
        if (length > _remaining.Length)
            throw new NetlinkFormatException($"attribute {type & NetlinkHeaderConstants.NLA_TYPE_MASK} length {length} exceeds the {_remaining.Length} bytes that remain");
        attribute = new NetlinkAttribute(type, _remaining[NetlinkHeaderConstants.NLA_HDRLEN..length]);
        var next = NetlinkHeaderConstants.Align(length);
        _remaining = next >= _remaining.Length ? default : _remaining[next..];
        return true;
    }
}
