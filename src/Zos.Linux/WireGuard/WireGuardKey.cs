using System.Diagnostics.CodeAnalysis;

namespace Zos.Linux.WireGuard;

/// <summary>A 32-byte Curve25519 key (private or public), written as base64 by wg(8) and as lowercase hex by the configuration protocol.</summary>
public readonly struct WireGuardKey : IEquatable<WireGuardKey>
{
    /// <summary>Key length in bytes.</summary>
    public const int Length = 32;

    private readonly byte[]? _bytes;

    /// <summary>Creates a key from exactly 32 bytes.</summary>
    public WireGuardKey(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Length)
            throw new ArgumentException($"a WireGuard key has {Length} bytes, got {bytes.Length}", nameof(bytes));
        _bytes = bytes.ToArray();
    }

    /// <summary>The key bytes (all zero for default).</summary>
    public ReadOnlySpan<byte> Bytes => _bytes ?? new byte[Length];

    /// <summary>True for the all-zero key (what the protocol reports for "no key").</summary>
    public bool IsZero => Bytes.IndexOfAnyExcept((byte)0) < 0;

    /// <summary>Parses wg's base64 form; throws naming the value when it is not 32 bytes of base64.</summary>
    public static WireGuardKey FromBase64(string text)
    {
        if (!TryFromBase64(text, out var key))
            throw new FormatException($"invalid WireGuard key '{text}': expected 44 characters of base64 encoding 32 bytes");
        return key;
    }

    /// <summary>Parses wg's base64 form.</summary>
    public static bool TryFromBase64([NotNullWhen(true)] string? text, out WireGuardKey key)
    {
        key = default;
        Span<byte> buffer = stackalloc byte[33];
        if (text is null || text.Length != 44 || !Convert.TryFromBase64String(text, buffer, out var written) || written != Length)
            return false;
        key = new WireGuardKey(buffer[..Length]);
        return true;
    }

    /// <summary>Parses the protocol's 64-digit hex form.</summary>
    public static WireGuardKey FromHex(string text)
    {
        if (text is null || text.Length != 64)
            throw new FormatException($"invalid WireGuard key '{text}': expected 64 hex digits");
        try
        {
            return new WireGuardKey(Convert.FromHexString(text));
        }
        catch (FormatException e)
        {
            throw new FormatException($"invalid WireGuard key '{text}': expected 64 hex digits", e);
        }
    }

    /// <summary>The base64 form wg(8) uses.</summary>
    public string ToBase64() => Convert.ToBase64String(Bytes);

    /// <summary>The lowercase hex form of the configuration protocol.</summary>
    public string ToHex() => Convert.ToHexStringLower(Bytes);

    /// <summary>The base64 form.</summary>
    public override string ToString() => ToBase64();

    /// <inheritdoc />
    public bool Equals(WireGuardKey other) => Bytes.SequenceEqual(other.Bytes);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is WireGuardKey other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(Bytes);
        return hash.ToHashCode();
    }

    /// <summary>Equality.</summary>
    public static bool operator ==(WireGuardKey left, WireGuardKey right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(WireGuardKey left, WireGuardKey right) => !left.Equals(right);
}
