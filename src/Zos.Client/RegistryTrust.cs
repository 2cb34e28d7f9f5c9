using System.Net.Http.Headers;
using Zos.Core.Contracts;

namespace Zos.Client;

/// <summary>
/// The node's check that an answer comes from its registry (<see cref="ResponseSigning"/>): the answer must carry the
/// registry's key and an Ed25519 signature (RFC 8032) by that key over the request, the node's challenge and the body.
/// The trusted key is the one given on the kernel command line (<c>zos-registry-key=</c>); without one, the key of the
/// first answer whose signature verifies is pinned (trust on first use) in <see cref="IRegistryKeyPin"/>, and every
/// later answer must be signed by it. A key given on the command line wins over a pinned one.
/// </summary>
public sealed class RegistryTrust
{
    private readonly Lock _lock = new();
    private readonly Uri _registry;
    private readonly IRegistryKeyPin? _pin;
    private byte[]? _trusted;
    private readonly string _source;

    /// <param name="registry">The registry URL, for messages.</param>
    /// <param name="configuredKey">The key from the command line, or null to pin on first use.</param>
    /// <param name="pin">Where a pinned key is kept; null keeps it in memory only.</param>
    public RegistryTrust(Uri registry, byte[]? configuredKey, IRegistryKeyPin? pin)
    {
        ArgumentNullException.ThrowIfNull(registry);
        if (configuredKey is { Length: not ResponseSigning.PublicKeyLength })
            throw new ArgumentException($"a registry key is {ResponseSigning.PublicKeyLength} bytes, got {configuredKey.Length}", nameof(configuredKey));
        _registry = registry;
        _pin = pin;
        if (configuredKey is not null)
        {
            _trusted = configuredKey;
            _source = $"{ResponseSigning.CommandLineKey}=";
        }
        else
        {
            _trusted = pin?.Load() is { Length: ResponseSigning.PublicKeyLength } pinned ? pinned : null;
            _source = "pinned on first contact";
        }
    }

    /// <summary>Raised once with the base64 key when it is pinned (first contact without a configured key).</summary>
    public event Action<string>? KeyPinned;

    /// <summary>The trusted key (base64), or null when none is configured and none was pinned yet.</summary>
    public string? TrustedKey
    {
        get
        {
            lock (_lock)
                return _trusted is null ? null : Convert.ToBase64String(_trusted);
        }
    }

    /// <summary>A fresh random challenge for one request (hex, 16 bytes).</summary>
    public static string NewChallenge() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    /// <summary>
    /// Checks an answer to <paramref name="method"/> <paramref name="path"/> about <paramref name="nodeId"/>, sent with
    /// <paramref name="challenge"/>; <paramref name="what"/> names what would be refused ("its desired state").
    /// Throws <see cref="RegistryTrustException"/> when it is not proven to come from the trusted key.
    /// </summary>
    public void Verify(HttpResponseHeaders headers, int status, string method, string path, string nodeId, string challenge, ReadOnlySpan<byte> body, string what)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var keyText = headers.TryGetValues(ResponseSigning.KeyHeader, out var k) ? string.Join(",", k) : "";
        var signatureText = headers.TryGetValues(ResponseSigning.SignatureHeader, out var s) ? string.Join(",", s) : "";
        if (keyText.Length == 0 || signatureText.Length == 0)
            throw Refuse($"answered without a signature ({ResponseSigning.KeyHeader}/{ResponseSigning.SignatureHeader} missing)", what);
        if (!ResponseSigning.TryParseKey(keyText, out var presented))
            throw Refuse($"answered with '{Shorten(keyText)}' in {ResponseSigning.KeyHeader}, which is not a base64 Ed25519 key", what);
        var signature = new byte[64];
        if (!Convert.TryFromBase64String(signatureText, signature, out var length) || length != signature.Length)
            throw Refuse($"answered with a {ResponseSigning.SignatureHeader} that is not a base64 Ed25519 signature (64 bytes)", what);

        var etag = headers.ETag?.ToString() ?? "";
        var canonical = ResponseSigning.CanonicalBytes(method, path, nodeId, etag, status, challenge, RequestSigning.BodyHash(body));
        lock (_lock)
        {
            if (_trusted is { } trusted && !trusted.AsSpan().SequenceEqual(presented))
            {
                throw Refuse($"answered with a key that is not the {(_source.EndsWith('=') ? "one given by " + _source : "pinned one")} " +
                             $"(trusted {Convert.ToBase64String(trusted)}, answered {keyText})", what);
            }
            if (!Ed25519Identity.Verify(presented, canonical, signature))
                throw Refuse($"answered with a signature that does not verify for key {keyText}", what);
            if (_trusted is not null)
                return;
            // Trust on first use: the first answer that is signed by the key it names decides the key.
            _pin?.Save(presented);
            _trusted = presented;
        }
        KeyPinned?.Invoke(keyText);
    }

    private RegistryTrustException Refuse(string why, string what) => new($"registry at {_registry} {why}; refusing {what}");

    private static string Shorten(string text) => text.Length > 60 ? text[..60] + "..." : text;
}
