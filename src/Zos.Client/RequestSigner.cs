using System.Globalization;
using System.Net.Http.Headers;
using Zos.Core.Contracts;

namespace Zos.Client;

/// <summary>
/// Adds the <see cref="RequestSigning"/> headers to an outgoing request (timestamp from <paramref name="time"/>, fresh
/// nonce): an Ed25519 signature, or, given the registry's key, the <see cref="RequestMac"/> that only the registry can
/// check and checks at a fraction of the cost.
/// </summary>
public sealed class RequestSigner(Ed25519Identity identity, TimeProvider time)
{
    private (string RegistryKey, byte[] MacKey)? _macKey;

    public Ed25519Identity Identity => identity;

    /// <summary>Signs <paramref name="request"/> with Ed25519.</summary>
    public Task SignAsync(HttpRequestMessage request, CancellationToken ct) => SignAsync(request, registryKeyBase64: null, ct);

    /// <summary>
    /// Authenticates <paramref name="request"/>: with a <see cref="RequestMac"/> when <paramref name="registryKeyBase64"/>
    /// (the registry's Ed25519 key, as pinned or configured) is given and usable, else with an Ed25519 signature.
    /// </summary>
    public async Task SignAsync(HttpRequestMessage request, string? registryKeyBase64, CancellationToken ct)
    {
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(ct);
        var uri = request.RequestUri ?? throw new ArgumentException("the request has no URI", nameof(request));
        if (!uri.IsAbsoluteUri)
            throw new ArgumentException($"the request URI '{uri}' must be absolute when signing", nameof(request));
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        var nonce = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        var canonical = RequestSigning.CanonicalBytes(
            request.Method.Method, Uri.UnescapeDataString(uri.AbsolutePath), uri.Query, timestamp, nonce, RequestSigning.BodyHash(body));
        var headers = request.Headers;
        headers.Remove(RequestSigning.KeyHeader);
        headers.Remove(RequestSigning.TimestampHeader);
        headers.Remove(RequestSigning.NonceHeader);
        headers.Remove(RequestSigning.SignatureHeader);
        headers.Remove(RequestMac.MacHeader);
        headers.Add(RequestSigning.KeyHeader, identity.Id);
        headers.Add(RequestSigning.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        headers.Add(RequestSigning.NonceHeader, nonce);
        if (registryKeyBase64 is not null && MacKey(registryKeyBase64) is { } macKey)
            headers.Add(RequestMac.MacHeader, Convert.ToBase64String(RequestMac.Compute(macKey, canonical)));
        else
            headers.Add(RequestSigning.SignatureHeader, Convert.ToBase64String(identity.Sign(canonical)));
        if (request.Content is not null && request.Content.Headers.ContentType is null)
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
    }

    /// <summary>The MAC key shared with the registry of base64 key <paramref name="registryKeyBase64"/> (derived once per key); null when that key is unusable.</summary>
    public byte[]? MacKey(string registryKeyBase64)
    {
        if (_macKey is { } known && known.RegistryKey == registryKeyBase64)
            return known.MacKey;
        var raw = new byte[ResponseSigning.PublicKeyLength];
        if (!Convert.TryFromBase64String(registryKeyBase64, raw, out var n) || n != raw.Length)
            return null;
        if (identity.DeriveMacKey(raw, RequestMac.KeyInfo(identity.Id, registryKeyBase64)) is not { } derived)
            return null;
        _macKey = (registryKeyBase64, derived);
        return derived;
    }
}
