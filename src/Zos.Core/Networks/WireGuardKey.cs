using System.Diagnostics.CodeAnalysis;

namespace Zos.Core.Networks;

/// <summary>
/// A 32-byte Curve25519 key (private or public) as WireGuard uses it: written as base64 (44 characters) by wg(8),
/// wg-quick files and the registry, and as lowercase hex by the configuration protocol. Generating a key pair and
/// deriving a public key need X25519, which lives with the crypto library in Zos.Linux (WireGuardKeyPair).
/// </summary>
public readonly struct WireGuardKey : IEquatable<WireGuardKey>
{
    /// <summary>Key length in bytes.</summary>
    public const int Length = 32;

    private const int Base64Length = 44;

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

    /// <summary>True when <paramref name="text"/> is base64 of exactly 32 bytes.</summary>
    public static bool IsValid([NotNullWhen(true)] string? text) => TryFromBase64(text, out _);

    /// <summary>
    /// Parses the base64 form; throws <see cref="FormatException"/> naming the value, and <paramref name="field"/>
    /// (where the value was read from) when given, unless it is 32 bytes of base64.
    /// </summary>
    public static WireGuardKey FromBase64(string? text, string? field = null)
    {
        if (!TryFromBase64(text, out var key))
            throw new FormatException($"invalid WireGuard key '{text}'{In(field)}: expected {Base64Length} characters of base64 encoding {Length} bytes");
        return key;
    }

    /// <summary>Parses the base64 form.</summary>
    public static bool TryFromBase64([NotNullWhen(true)] string? text, out WireGuardKey key)
    {
        key = default;
        Span<byte> buffer = stackalloc byte[Length + 1];
        if (text is null || text.Length != Base64Length || !Convert.TryFromBase64String(text, buffer, out var written) || written != Length)
            return false;
        key = new WireGuardKey(buffer[..Length]);
        return true;
    }

    /// <summary>Parses the configuration protocol's 64-digit hex form; throws naming the value (and <paramref name="field"/>).</summary>
    public static WireGuardKey FromHex(string? text, string? field = null)
    {
        var message = $"invalid WireGuard key '{text}'{In(field)}: expected {Length * 2} hex digits";
        if (text is null || text.Length != Length * 2)
            throw new FormatException(message);
        try
        {
            return new WireGuardKey(Convert.FromHexString(text));
        }
        catch (FormatException e)
        {
            throw new FormatException(message, e);
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

    private static string In(string? field) => field is null ? "" : $" in {field}";
}
