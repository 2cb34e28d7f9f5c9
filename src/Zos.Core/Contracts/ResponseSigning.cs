using System.Globalization;
using System.Text;

namespace Zos.Core.Contracts;

/// <summary>
/// How the registry signs what it serves to nodes (their desired state, their registration answer), so that a node
/// applies only what its own registry sent: whoever answers at the registry URL (a DNS or DHCP hijack, a machine in
/// the path of plain HTTP) cannot hand it networks to build or peers to accept. The registry has an Ed25519 key of its
/// own (RFC 8032, the same scheme as the requests in <see cref="RequestSigning"/>); an answer carries
/// <see cref="KeyHeader"/> (base64 of the raw 32-byte public key) and <see cref="SignatureHeader"/> (base64 of the
/// 64-byte signature over <see cref="CanonicalBytes"/>). The node sends a fresh random <see cref="ChallengeHeader"/>
/// with each request and the registry signs it back, so an answer captured earlier (an older desired state, signed
/// and valid then) cannot be replayed to roll a node back. Pure: no keys, no clock.
/// </summary>
public static class ResponseSigning
{
    /// <summary>Request header: the node's random challenge (hex), echoed into the signed text.</summary>
    public const string ChallengeHeader = "X-Zos-Challenge";

    /// <summary>Answer header: the registry's public key (base64, 32 bytes raw).</summary>
    public const string KeyHeader = "X-Zos-Registry-Key";

    /// <summary>Answer header: base64 Ed25519 signature over <see cref="CanonicalBytes"/>.</summary>
    public const string SignatureHeader = "X-Zos-Registry-Signature";

    /// <summary>Kernel command line parameter carrying the registry key (base64) to a node, as boot server and boot media set it.</summary>
    public const string CommandLineKey = "zos-registry-key";

    /// <summary>Raw Ed25519 public key length (RFC 8032 §5.1.5).</summary>
    public const int PublicKeyLength = 32;

    /// <summary>Longest challenge the registry signs back: a node sends 32 hex characters; more is refused, not echoed.</summary>
    public const int MaxChallengeLength = 64;

    /// <summary>
    /// The signed text, one field per line: a version tag, the method in upper case, the request path (decoded, as
    /// routed), the node the answer is about, the ETag (the desired-state version; empty when there is none), the
    /// status code, the node's challenge, and the lowercase hex SHA-256 of the body. The status is in so that a signed
    /// 304 ("nothing changed") cannot be turned into a 200 or back.
    /// </summary>
    public static string CanonicalString(string method, string path, string nodeId, string etag, int status, string challenge, string bodySha256Hex) =>
        string.Create(CultureInfo.InvariantCulture,
            $"zos-answer-v1\n{method.ToUpperInvariant()}\n{path}\n{nodeId}\n{etag}\n{status}\n{challenge}\n{bodySha256Hex}");

    /// <summary>UTF-8 bytes of <see cref="CanonicalString"/>: what the Ed25519 signature covers.</summary>
    public static byte[] CanonicalBytes(string method, string path, string nodeId, string etag, int status, string challenge, string bodySha256Hex) =>
        Encoding.UTF8.GetBytes(CanonicalString(method, path, nodeId, etag, status, challenge, bodySha256Hex));

    /// <summary>Parses a base64 registry key (<see cref="CommandLineKey"/>, <see cref="KeyHeader"/>); false unless it is 32 bytes.</summary>
    public static bool TryParseKey(string? text, out byte[] key)
    {
        key = [];
        if (string.IsNullOrWhiteSpace(text))
            return false;
        var buffer = new byte[PublicKeyLength + 3];
        if (!Convert.TryFromBase64String(text.Trim(), buffer, out var written) || written != PublicKeyLength)
            return false;
        key = buffer[..PublicKeyLength];
        return true;
    }

    /// <summary>True when <paramref name="challenge"/> is one the registry signs back: 1 to 64 characters of [0-9a-f].</summary>
    public static bool IsValidChallenge(string challenge) =>
        challenge.Length is > 0 and <= MaxChallengeLength && challenge.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));
}
