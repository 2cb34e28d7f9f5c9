using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Zos.Core.Primitives;

/// <summary>
/// A 48-bit Ethernet address. Parses the spellings operators and iPXE use (aa:bb:cc:dd:ee:ff, aa-bb-..., aabbccddeeff,
/// any case) and always formats as lower-case colon-separated.
/// </summary>
public readonly struct MacAddress : IEquatable<MacAddress>, IComparable<MacAddress>, ISpanParsable<MacAddress>
{
    private readonly ulong _value;

    private MacAddress(ulong value) => _value = value & 0xFFFF_FFFF_FFFFUL;

    public MacAddress(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != 6)
            throw new ArgumentException($"a MAC address has 6 bytes, got {bytes.Length}", nameof(bytes));
        Span<byte> padded = stackalloc byte[8];
        bytes.CopyTo(padded[2..]);
        _value = BinaryPrimitives.ReadUInt64BigEndian(padded);
    }

    public static MacAddress Zero => default;

    public byte[] GetBytes()
    {
        var bytes = new byte[6];
        WriteBytes(bytes);
        return bytes;
    }

    public void WriteBytes(Span<byte> destination)
    {
        Span<byte> padded = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(padded, _value);
        padded[2..].CopyTo(destination);
    }

    /// <summary>The I/G bit: a group (multicast or broadcast) address.</summary>
    public bool IsMulticast => ((_value >> 40) & 0x01) != 0;

    /// <summary>The U/L bit: a locally administered address.</summary>
    public bool IsLocallyAdministered => ((_value >> 40) & 0x02) != 0;

    public static MacAddress Parse(string s) => Parse(s.AsSpan(), null);

    public static MacAddress Parse(string s, IFormatProvider? provider) => Parse(s.AsSpan(), provider);

    public static MacAddress Parse(ReadOnlySpan<char> s, IFormatProvider? provider) =>
        TryParse(s, provider, out var mac) ? mac : throw new FormatException($"'{s}' is not a MAC address (expected six hex bytes, e.g. 52:54:00:12:34:56)");

    public static bool TryParse([NotNullWhen(true)] string? s, out MacAddress result) => TryParse(s.AsSpan(), null, out result);

    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out MacAddress result) => TryParse(s.AsSpan(), provider, out result);

    public static bool TryParse(ReadOnlySpan<char> s, IFormatProvider? provider, out MacAddress result)
    {
        result = default;
        s = s.Trim();
        Span<char> hex = stackalloc char[12];
        var n = 0;
        char? separator = null;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c is ':' or '-' or '.')
            {
                // Separators only between byte pairs (or groups of four for Cisco's aaaa.bbbb.cccc), one kind only.
                if (separator is not null && separator != c)
                    return false;
                separator = c;
                if (n == 0 || i == s.Length - 1 || (c == '.' ? n % 4 != 0 : n % 2 != 0))
                    return false;
                continue;
            }
            if (!char.IsAsciiHexDigit(c) || n == 12)
                return false;
            hex[n++] = c;
        }
        if (n != 12)
            return false;
        result = new MacAddress(ulong.Parse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture));
        return true;
    }

    public override string ToString()
    {
        Span<byte> b = stackalloc byte[6];
        WriteBytes(b);
        return $"{b[0]:x2}:{b[1]:x2}:{b[2]:x2}:{b[3]:x2}:{b[4]:x2}:{b[5]:x2}";
    }

    /// <summary>Twelve lower-case hex digits without separators (iPXE's ${mac:hexraw}).</summary>
    public string ToHexRaw() => _value.ToString("x12", CultureInfo.InvariantCulture);

    public bool Equals(MacAddress other) => _value == other._value;

    public override bool Equals(object? obj) => obj is MacAddress other && Equals(other);

    public override int GetHashCode() => _value.GetHashCode();

    public int CompareTo(MacAddress other) => _value.CompareTo(other._value);

    public static bool operator ==(MacAddress left, MacAddress right) => left.Equals(right);

    public static bool operator !=(MacAddress left, MacAddress right) => !left.Equals(right);

    public static bool operator <(MacAddress left, MacAddress right) => left._value < right._value;

    public static bool operator >(MacAddress left, MacAddress right) => left._value > right._value;

    public static bool operator <=(MacAddress left, MacAddress right) => left._value <= right._value;

    public static bool operator >=(MacAddress left, MacAddress right) => left._value >= right._value;
}
