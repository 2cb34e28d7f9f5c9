using System.Globalization;
using Microsoft.AspNetCore.Http;
using Zos.Client;
using Zos.Core.Contracts;

namespace Zos.Registry.Api;

/// <summary>
/// Verifies the Ed25519 signature of every write under /api/v1 (<see cref="RequestSigning"/>): the headers must be
/// present, the timestamp within 60 s of the registry clock, the signature valid over method, path, query, timestamp,
/// nonce and body hash, and the nonce unseen (<see cref="IReplayGuard"/>: in the store, across restarts and
/// processes). The verified key is left in <see cref="SignerItem"/> for the rules.
/// </summary>
public sealed class SignatureMiddleware(RequestDelegate next, TimeProvider time, IReplayGuard replays, PublicKeyCache keys)
{
    public const string SignerItem = "zos.signer";

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!request.Path.StartsWithSegments("/api/v1", StringComparison.Ordinal) || HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)
            || HttpMethods.IsOptions(request.Method))
        {
            await next(context);
            return;
        }

        string Header(string name) => request.Headers[name].ToString();
        var key = Header(RequestSigning.KeyHeader);
        var timestampText = Header(RequestSigning.TimestampHeader);
        var nonce = Header(RequestSigning.NonceHeader);
        var signatureText = Header(RequestSigning.SignatureHeader);
        if (key.Length == 0 || timestampText.Length == 0 || nonce.Length == 0 || signatureText.Length == 0)
        {
            var missing = new[] { (RequestSigning.KeyHeader, key), (RequestSigning.TimestampHeader, timestampText), (RequestSigning.NonceHeader, nonce), (RequestSigning.SignatureHeader, signatureText) }
                .Where(h => h.Item2.Length == 0).Select(h => h.Item1);
            throw ApiProblem.Unauthorized($"the request is not signed: missing header(s) {string.Join(", ", missing)}");
        }
        if (!long.TryParse(timestampText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var timestamp))
            throw ApiProblem.Unauthorized($"{RequestSigning.TimestampHeader} '{timestampText}' is not unix seconds");
        var now = time.GetUtcNow();
        if (!RequestSigning.IsFresh(timestamp, now))
        {
            throw ApiProblem.Unauthorized(
                $"the signature timestamp {timestamp} is {now.ToUnixTimeSeconds() - timestamp} s away from the registry clock; at most {(int)RequestSigning.MaxSkew.TotalSeconds} s are allowed");
        }
        var signature = new byte[64];
        if (!Convert.TryFromBase64String(signatureText, signature, out var signatureLength) || signatureLength != 64)
            throw ApiProblem.Unauthorized($"{RequestSigning.SignatureHeader} is not a base64 Ed25519 signature (64 bytes)");

        // The body is read once into memory (hashed here, then bound by the endpoint from the same bytes): cheaper per
        // request than EnableBuffering's file-backed stream plus a copy.
        var body = await ReadBodyAsync(request, context.RequestAborted);
        request.Body = new MemoryStream(body.Array!, body.Offset, body.Count, writable: false);
        var canonical = RequestSigning.CanonicalBytes(request.Method, request.PathBase.Add(request.Path).Value ?? "", request.QueryString.Value ?? "",
            timestamp, nonce, RequestSigning.BodyHash(body));
        if (!keys.Verify(key, canonical, signature))
            throw ApiProblem.Unauthorized($"the signature does not verify for key '{key}'");
        if (!await replays.TryRememberAsync(key, nonce, RequestSigning.MaxSkew * 2, context.RequestAborted))
            throw ApiProblem.Unauthorized($"replayed request: nonce '{nonce}' of key '{key}' was used already");
        context.Items[SignerItem] = key;
        await next(context);
    }

    /// <summary>The whole body: into an array of its declared length when given, else grown as it arrives.</summary>
    private static async Task<ArraySegment<byte>> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength is { } declared and <= MaxExactBody)
        {
            var exact = new byte[declared];
            await request.Body.ReadExactlyAsync(exact, ct);
            return exact;
        }
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        return buffer.ToArray();
    }

    // Larger declared bodies are read as they come (Kestrel's own body size limit still applies).
    private const long MaxExactBody = 1 << 20;

    /// <summary>The verified signing key of this request.</summary>
    public static string Signer(HttpContext context) =>
        context.Items[SignerItem] as string ?? throw ApiProblem.Unauthorized("the request is not signed");
}
