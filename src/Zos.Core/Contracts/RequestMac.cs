using System.Security.Cryptography;
using System.Text;

namespace Zos.Core.Contracts;

/// <summary>
/// The cheap form of <see cref="RequestSigning"/> for a signer that knows the registry's key: instead of an Ed25519
/// signature (about 60 µs to verify, most of a heartbeat's cost on the registry) the request carries
/// <see cref="MacHeader"/>, an HMAC-SHA256 (RFC 2104) over the same canonical bytes, keyed with a secret both sides
/// derive and never send: X25519 (RFC 7748) between the signer's and the registry's Ed25519 identities, turned into
/// X25519 keys, then HKDF-SHA256 (RFC 5869) with <see cref="KeyInfo"/>. Key, timestamp and nonce headers and their
/// rules (freshness, replay) are the same; only who can check differs: the registry alone, which is who checks.
/// Pure: no clock, no keys of its own.
/// </summary>
public static class RequestMac
{
    public const string MacHeader = "X-Zos-Mac";
    public const int KeyLength = 32;
    public const int MacLength = 32;

    /// <summary>The HKDF info of the MAC key between base58 signer key <paramref name="signerKeyId"/> and the registry's base64 key.</summary>
    public static byte[] KeyInfo(string signerKeyId, string registryKeyBase64) =>
        Encoding.UTF8.GetBytes($"zos-request-mac-v1\n{signerKeyId}\n{registryKeyBase64}");

    public static byte[] Compute(ReadOnlySpan<byte> key, ReadOnlySpan<byte> canonical) => HMACSHA256.HashData(key, canonical);

    /// <summary>True when <paramref name="mac"/> is the MAC of <paramref name="canonical"/> under <paramref name="key"/> (compared in fixed time).</summary>
    public static bool Matches(ReadOnlySpan<byte> key, ReadOnlySpan<byte> canonical, ReadOnlySpan<byte> mac)
    {
        if (mac.Length != MacLength)
            return false;
        Span<byte> expected = stackalloc byte[MacLength];
        HMACSHA256.HashData(key, canonical, expected);
        return CryptographicOperations.FixedTimeEquals(expected, mac);
    }
}
