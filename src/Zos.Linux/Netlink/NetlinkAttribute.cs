using System.Buffers.Binary;
using System.Net;
using System.Text;
using Zos.Linux.Netlink.Kernel;

namespace Zos.Linux.Netlink;

/// <summary>
/// One attribute (struct nlattr / rtattr, linux/netlink.h): a 14-bit type, the nested and byte-order flags, and the
/// value bytes. The typed getters check the value's size and throw <see cref="NetlinkFormatException"/> otherwise.
/// </summary>
public readonly ref struct NetlinkAttribute
{
    /// <summary>Creates a view of an attribute from its raw type field and value.</summary>
    public NetlinkAttribute(ushort rawType, ReadOnlySpan<byte> value)
    {
        RawType = rawType;
        Value = value;
    }

    /// <summary>The type field with flags (nla_type).</summary>
    public ushort RawType { get; }

    /// <summary>The attribute type without NLA_F_NESTED / NLA_F_NET_BYTEORDER.</summary>
    public ushort Type => (ushort)(RawType & NetlinkHeaderConstants.NLA_TYPE_MASK);

    /// <summary>The value bytes (nla_len - 4, without padding).</summary>
    public ReadOnlySpan<byte> Value { get; }

    /// <summary>A u8 value.</summary>
    public byte GetByte() => Value.Length >= 1 ? Value[0] : throw SizeError(1);

    /// <summary>A u16 value in host (little-endian) order.</summary>
    public ushort GetUInt16() => Value.Length >= 2 ? BinaryPrimitives.ReadUInt16LittleEndian(Value) : throw SizeError(2);

    /// <summary>A u32 value in host (little-endian) order.</summary>
    public uint GetUInt32() => Value.Length >= 4 ? BinaryPrimitives.ReadUInt32LittleEndian(Value) : throw SizeError(4);

    /// <summary>An s32 value in host (little-endian) order.</summary>
    public int GetInt32() => Value.Length >= 4 ? BinaryPrimitives.ReadInt32LittleEndian(Value) : throw SizeError(4);

    /// <summary>A NUL-terminated (or unterminated) string.</summary>
    public string GetString()
    {
        var end = Value.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? Value : Value[..end]);
    }

    /// <summary>An IPv4 (4 bytes) or IPv6 (16 bytes) address in network order.</summary>
    public IPAddress GetIPAddress() => Value.Length is 4 or 16
        ? new IPAddress(Value)
        : throw new NetlinkFormatException($"attribute {Type}: an IP address has 4 or 16 bytes, got {Value.Length}");

    /// <summary>The attributes nested in this one.</summary>
    public NetlinkAttributeReader GetNested() => new(Value);

    private NetlinkFormatException SizeError(int wanted) =>
        new($"attribute {Type}: expected at least {wanted} value bytes, got {Value.Length}");
}
