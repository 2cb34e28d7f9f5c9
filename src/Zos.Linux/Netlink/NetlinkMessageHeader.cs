using System.Buffers.Binary;
using Zos.Linux.Netlink.Kernel;

namespace Zos.Linux.Netlink;

/// <summary>struct nlmsghdr (linux/netlink.h), host byte order: length, type, flags, sequence, sender port id.</summary>
/// <param name="Length">nlmsg_len: header plus payload, unaligned.</param>
/// <param name="Type">nlmsg_type (NLMSG_* or RTM_*).</param>
/// <param name="Flags">nlmsg_flags (NLM_F_*).</param>
/// <param name="Sequence">nlmsg_seq, echoed by the kernel in replies.</param>
/// <param name="PortId">nlmsg_pid: 0 for messages from the kernel.</param>
public readonly record struct NetlinkMessageHeader(uint Length, ushort Type, ushort Flags, uint Sequence, uint PortId)
{
    /// <summary>sizeof(struct nlmsghdr).</summary>
    public const int Size = NetlinkHeaderConstants.NLMSG_HDRLEN;

    /// <summary>Reads a header from the first 16 bytes; throws <see cref="NetlinkFormatException"/> when fewer remain.</summary>
    public static NetlinkMessageHeader Read(ReadOnlySpan<byte> source)
    {
        if (source.Length < Size)
            throw new NetlinkFormatException($"netlink header needs {Size} bytes, only {source.Length} remain");
        return new NetlinkMessageHeader(
            BinaryPrimitives.ReadUInt32LittleEndian(source),
            BinaryPrimitives.ReadUInt16LittleEndian(source[4..]),
            BinaryPrimitives.ReadUInt16LittleEndian(source[6..]),
            BinaryPrimitives.ReadUInt32LittleEndian(source[8..]),
            BinaryPrimitives.ReadUInt32LittleEndian(source[12..]));
    }

    /// <summary>Writes the header into the first 16 bytes of <paramref name="destination"/>.</summary>
    public void Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(destination, Length);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[4..], Type);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[6..], Flags);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[8..], Sequence);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[12..], PortId);
    }
}
