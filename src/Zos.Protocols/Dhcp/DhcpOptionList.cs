using System.Buffers.Binary;
using System.Net;
using System.Text;

namespace Zos.Protocols.Dhcp;

/// <summary>
/// The options of a message in wire order, one entry per code (RFC 3396: repeated codes are concatenated on read and
/// split again on write). Typed readers return null when the option is absent; the codec has already checked lengths.
/// </summary>
public sealed class DhcpOptionList
{
    private readonly List<DhcpOption> _options = [];

    public int Count => _options.Count;

    public IReadOnlyList<DhcpOption> All => _options;

    public bool Contains(byte code) => IndexOf(code) >= 0;

    public ReadOnlyMemory<byte>? Get(byte code)
    {
        var i = IndexOf(code);
        return i < 0 ? (ReadOnlyMemory<byte>?)null : _options[i].Data;
    }

    /// <summary>Sets (replaces in place, or appends) an option.</summary>
    public DhcpOptionList Set(byte code, ReadOnlyMemory<byte> data)
    {
        if (code is DhcpOptionCode.Pad or DhcpOptionCode.End)
            throw new ArgumentOutOfRangeException(nameof(code), code, "pad (0) and end (255) are not options with data");
        var i = IndexOf(code);
        if (i >= 0)
            _options[i] = new DhcpOption(code, data);
        else
            _options.Add(new DhcpOption(code, data));
        return this;
    }

    public DhcpOptionList SetByte(byte code, byte value) => Set(code, new[] { value });

    public DhcpOptionList SetUInt16(byte code, ushort value)
    {
        var b = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(b, value);
        return Set(code, b);
    }

    public DhcpOptionList SetUInt32(byte code, uint value)
    {
        var b = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(b, value);
        return Set(code, b);
    }

    public DhcpOptionList SetAddress(byte code, IPAddress address) => Set(code, Ipv4.ToBytes(address));

    public DhcpOptionList SetAddresses(byte code, IReadOnlyList<IPAddress> addresses)
    {
        var b = new byte[addresses.Count * 4];
        for (var i = 0; i < addresses.Count; i++)
            Ipv4.ToBytes(addresses[i]).CopyTo(b, i * 4);
        return Set(code, b);
    }

    public DhcpOptionList SetString(byte code, string value) => Set(code, Encoding.ASCII.GetBytes(value));

    public bool Remove(byte code)
    {
        var i = IndexOf(code);
        if (i < 0)
            return false;
        _options.RemoveAt(i);
        return true;
    }

    /// <summary>Appends data to an option (RFC 3396 concatenation of a repeated code).</summary>
    internal void Append(byte code, ReadOnlySpan<byte> data)
    {
        var i = IndexOf(code);
        if (i < 0)
        {
            _options.Add(new DhcpOption(code, data.ToArray()));
            return;
        }
        var old = _options[i].Data.Span;
        var joined = new byte[old.Length + data.Length];
        old.CopyTo(joined);
        data.CopyTo(joined.AsSpan(old.Length));
        _options[i] = new DhcpOption(code, joined);
    }

    public byte? GetByte(byte code) => Get(code) is { Length: 1 } m ? m.Span[0] : null;

    public ushort? GetUInt16(byte code) => Get(code) is { Length: 2 } m ? BinaryPrimitives.ReadUInt16BigEndian(m.Span) : null;

    public uint? GetUInt32(byte code) => Get(code) is { Length: 4 } m ? BinaryPrimitives.ReadUInt32BigEndian(m.Span) : null;

    public IPAddress? GetAddress(byte code) => Get(code) is { Length: 4 } m ? new IPAddress(m.Span) : null;

    public IReadOnlyList<IPAddress> GetAddresses(byte code)
    {
        if (Get(code) is not { } m || m.Length % 4 != 0)
            return [];
        var list = new IPAddress[m.Length / 4];
        for (var i = 0; i < list.Length; i++)
            list[i] = new IPAddress(m.Span.Slice(i * 4, 4));
        return list;
    }

    /// <summary>An ASCII/Latin-1 string option, without trailing NULs some clients add.</summary>
    public string? GetString(byte code) => Get(code) is { } m ? Encoding.Latin1.GetString(m.Span).TrimEnd('\0') : null;

    private int IndexOf(byte code)
    {
        for (var i = 0; i < _options.Count; i++)
        {
            if (_options[i].Code == code)
                return i;
        }
        return -1;
    }
}
