using System.Globalization;
using System.Net.Http.Headers;
using Zos.Core.Contracts;

namespace Zos.Client;

/// <summary>Adds the <see cref="RequestSigning"/> headers to an outgoing request (timestamp from <paramref name="time"/>, fresh nonce).</summary>
public sealed class RequestSigner(Ed25519Identity identity, TimeProvider time)
{
    public Ed25519Identity Identity => identity;

    public async Task SignAsync(HttpRequestMessage request, CancellationToken ct)
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
        headers.Add(RequestSigning.KeyHeader, identity.Id);
        headers.Add(RequestSigning.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        headers.Add(RequestSigning.NonceHeader, nonce);
        headers.Add(RequestSigning.SignatureHeader, Convert.ToBase64String(identity.Sign(canonical)));
        if (request.Content is not null && request.Content.Headers.ContentType is null)
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
    }
}
