using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Zos.Core.Contracts;

/// <summary>
/// The signed-request scheme shared by the registry (verifier) and its clients (signers). A request carries
/// <see cref="KeyHeader"/> (base58 Ed25519 public key = node id or account key), <see cref="TimestampHeader"/>
/// (unix seconds), <see cref="NonceHeader"/> (random, makes each signature unique so replays are detectable even
/// for identical requests in one second) and <see cref="SignatureHeader"/> (base64 Ed25519 signature over
/// <see cref="CanonicalString"/>). Pure: no clock, no keys.
/// </summary>
public static class RequestSigning
{
    public const string KeyHeader = "X-Zos-Key";
    public const string TimestampHeader = "X-Zos-Timestamp";
    public const string NonceHeader = "X-Zos-Nonce";
    public const string SignatureHeader = "X-Zos-Signature";

    /// <summary>How far a timestamp may be from the verifier's clock (boot-and-registry.md §3.2: TimestampHintDrift = 60 s).</summary>
    public static readonly TimeSpan MaxSkew = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The text that is signed: a version tag, the method in upper case, the path (decoded, as routed), the raw query
    /// without '?', the timestamp, the nonce and the lowercase hex SHA-256 of the body, one per line.
    /// </summary>
    public static string CanonicalString(string method, string path, string query, long timestamp, string nonce, string bodySha256Hex)
    {
        var q = query.StartsWith('?') ? query[1..] : query;
        return string.Create(CultureInfo.InvariantCulture,
            $"zos-request-v1\n{method.ToUpperInvariant()}\n{path}\n{q}\n{timestamp}\n{nonce}\n{bodySha256Hex}");
    }

    /// <summary>UTF-8 bytes of <see cref="CanonicalString"/>: what the Ed25519 signature covers.</summary>
    public static byte[] CanonicalBytes(string method, string path, string query, long timestamp, string nonce, string bodySha256Hex) =>
        Encoding.UTF8.GetBytes(CanonicalString(method, path, query, timestamp, nonce, bodySha256Hex));

    public static string BodyHash(ReadOnlySpan<byte> body) => Convert.ToHexStringLower(SHA256.HashData(body));

    /// <summary>True when <paramref name="timestamp"/> (unix seconds) is within <see cref="MaxSkew"/> of <paramref name="now"/>.</summary>
    public static bool IsFresh(long timestamp, DateTimeOffset now) =>
        Math.Abs(now.ToUnixTimeSeconds() - timestamp) <= (long)MaxSkew.TotalSeconds;
}
