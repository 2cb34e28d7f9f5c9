using System.Buffers;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Zos.Client;
using Zos.Core.Contracts;

namespace Zos.Registry.Api;

/// <summary>
/// Verifies the Ed25519 signature of every write under /api/v1 (<see cref="RequestSigning"/>), or the HMAC that stands
/// for it (<see cref="RequestMac"/>, keyed with the secret the signer's and the registry's keys agree on): the headers
/// must be present, the timestamp within 60 s of the registry clock, the signature or MAC valid over method, path,
/// query, timestamp, nonce and body hash, and the nonce unseen (<see cref="IReplayGuard"/>: in the store, across restarts and
/// processes). The verified key is left in <see cref="SignerItem"/> for the rules.
/// </summary>
/// <remarks>
/// Nothing of the body is read before the headers pass (present, well-formed key and signature, fresh timestamp), and
/// never more than the route's <see cref="BodyLimit"/>: a declared length over it is a 413 at once, a chunked body is
/// stopped at it. Buffering whole bodies before looking at the key once let 20 anonymous 28 MB uploads double the
/// registry's memory. The decision to check is made on the path as the router matches it (case-insensitive); the
/// signed path is the request target as sent, percent-decoded once, which is what the client signs
/// (<see cref="RequestSigner"/>: <c>Uri.UnescapeDataString(uri.AbsolutePath)</c>), so a "%2F" in a segment verifies.
/// </remarks>
public sealed class SignatureMiddleware(RequestDelegate next, TimeProvider time, IReplayGuard replays, PublicKeyCache keys, RequestMacKeys macKeys)
{
    public const string SignerItem = "zos.signer";

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<BodyLimit>() ?? BodyLimit.Default;
        // Kestrel enforces the route's limit too (for every method, signed or not), as a second line.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            size.MaxRequestBodySize = limit.Bytes;
        if (!NeedsSignature(context))
        {
            await next(context);
            return;
        }

        var headers = request.Headers;
        var key = headers[RequestSigning.KeyHeader].ToString();
        var timestampText = headers[RequestSigning.TimestampHeader].ToString();
        var nonce = headers[RequestSigning.NonceHeader].ToString();
        var signatureText = headers[RequestSigning.SignatureHeader].ToString();
        var macText = headers[RequestMac.MacHeader].ToString();
        if (key.Length == 0 || timestampText.Length == 0 || nonce.Length == 0 || (signatureText.Length == 0 && macText.Length == 0))
        {
            var missing = new[] { (RequestSigning.KeyHeader, key), (RequestSigning.TimestampHeader, timestampText), (RequestSigning.NonceHeader, nonce),
                    ($"{RequestSigning.SignatureHeader} (or {RequestMac.MacHeader})", signatureText + macText) }
                .Where(h => h.Item2.Length == 0).Select(h => h.Item1);
            throw ApiProblem.Unauthorized($"the request is not signed: missing header(s) {string.Join(", ", missing)}");
        }
        if (signatureText.Length > 0 && macText.Length > 0)
            throw ApiProblem.Unauthorized($"the request carries both {RequestSigning.SignatureHeader} and {RequestMac.MacHeader}; send one");
        if (!long.TryParse(timestampText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var timestamp))
            throw ApiProblem.Unauthorized($"{RequestSigning.TimestampHeader} '{ContractLimits.Echo(timestampText)}' is not unix seconds");
        var now = time.GetUtcNow();
        if (!RequestSigning.IsFresh(timestamp, now))
        {
            throw ApiProblem.Unauthorized(
                $"the signature timestamp {timestamp} is {now.ToUnixTimeSeconds() - timestamp} s away from the registry clock; at most {(int)RequestSigning.MaxSkew.TotalSeconds} s are allowed");
        }
        if (nonce.Length > MaxNonceLength)
            throw ApiProblem.Unauthorized($"{RequestSigning.NonceHeader} is {nonce.Length} characters long; at most {MaxNonceLength} are allowed");
        var mac = macText.Length > 0;
        var proof = new byte[mac ? RequestMac.MacLength : 64];
        if (mac)
        {
            if (macText.Length > 64 || !Convert.TryFromBase64String(macText, proof, out var macLength) || macLength != RequestMac.MacLength)
                throw ApiProblem.Unauthorized($"{RequestMac.MacHeader} is not a base64 HMAC-SHA256 ({RequestMac.MacLength} bytes)");
        }
        else if (signatureText.Length > 100 || !Convert.TryFromBase64String(signatureText, proof, out var signatureLength) || signatureLength != 64)
        {
            throw ApiProblem.Unauthorized($"{RequestSigning.SignatureHeader} is not a base64 Ed25519 signature (64 bytes)");
        }
        NSec.Cryptography.PublicKey? publicKey = null;
        byte[]? macKey = null;
        if (mac ? !macKeys.TryGet(key, out macKey) : !keys.TryGet(key, out publicKey))
            throw ApiProblem.Unauthorized($"{RequestSigning.KeyHeader} '{ContractLimits.Echo(key)}' is not a base58 Ed25519 public key (32 bytes)");
        if (request.ContentLength is { } declared && declared > limit.Bytes)
            throw TooLarge(declared, limit);

        // The body is read once into memory (hashed here, then bound by the endpoint from the same bytes): cheaper per
        // request than EnableBuffering's file-backed stream plus a copy.
        var body = await ReadBodyAsync(request, limit, context.RequestAborted);
        request.Body = new MemoryStream(body.Array!, body.Offset, body.Count, writable: false);
        var canonical = RequestSigning.CanonicalBytes(request.Method, SignedPath(context), request.QueryString.Value ?? "",
            timestamp, nonce, RequestSigning.BodyHash(body));
        if (mac ? !RequestMac.Matches(macKey, canonical, proof) : !PublicKeyCache.Verify(publicKey!, canonical, proof))
            throw ApiProblem.Unauthorized(mac
                ? $"the {RequestMac.MacHeader} does not verify for key '{key}' with this registry's key {macKeys.RegistryKeyBase64} (does the sender trust another registry key?)"
                : $"the signature does not verify for key '{key}'");
        if (!await replays.TryRememberAsync(key, nonce, RequestSigning.MaxSkew * 2, context.RequestAborted))
            throw ApiProblem.Unauthorized($"replayed request: nonce '{nonce}' of key '{key}' was used already");
        context.Items[SignerItem] = key;
        await next(context);
    }

    /// <summary>
    /// A write under /api/v1 that routing matched to an API route for its method. The decision is the router's (its
    /// match is case-insensitive, "/API/V1/..." included), not a second, case-sensitive reading of the path; a write no
    /// route takes (404) or takes for another method (405) has nothing to sign for and gets its problem answer.
    /// </summary>
    private static bool NeedsSignature(HttpContext context)
    {
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method)
            || !request.Path.StartsWithSegments("/api/v1", StringComparison.OrdinalIgnoreCase))
            return false;
        var methods = context.GetEndpoint()?.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods;
        if (methods is null)
            return false;
        foreach (var m in methods)
        {
            if (string.Equals(m, request.Method, StringComparison.OrdinalIgnoreCase))
                return true;
        }
        return false;
    }

    /// <summary>A nonce is 32 hex characters from our clients; room for others' forms, not for a megabyte.</summary>
    private const int MaxNonceLength = 128;

    /// <summary>
    /// The path the client signed: the request target as it came (before the query), percent-decoded once. Kestrel's
    /// <see cref="HttpRequest.Path"/> keeps "%2F" encoded while the client decodes it, so it is not used when the raw
    /// target is known; an absolute-form target ("http://host/path") is reduced to its path first.
    /// </summary>
    private static string SignedPath(HttpContext context)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(raw))
            return context.Request.PathBase.Add(context.Request.Path).Value ?? "";
        if (raw[0] != '/' && Uri.TryCreate(raw, UriKind.Absolute, out var absolute))
            raw = absolute.AbsolutePath;
        var query = raw.IndexOf('?', StringComparison.Ordinal);
        return Uri.UnescapeDataString(query < 0 ? raw : raw[..query]);
    }

    /// <summary>
    /// The whole body, at most <paramref name="limit"/> bytes: into an array of its declared length when given (checked
    /// against the limit before), else grown as it arrives from pooled buffers and refused once past the limit.
    /// </summary>
    private static async Task<ArraySegment<byte>> ReadBodyAsync(HttpRequest request, BodyLimit limit, CancellationToken ct)
    {
        if (request.ContentLength is { } declared)
        {
            var exact = new byte[declared];
            await request.Body.ReadExactlyAsync(exact, ct);
            return exact;
        }
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            var length = 0;
            while (true)
            {
                if (length == buffer.Length)
                {
                    var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, length).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }
                var n = await request.Body.ReadAsync(buffer.AsMemory(length, (int)Math.Min(buffer.Length - length, limit.Bytes + 1 - length)), ct);
                if (n == 0)
                    return buffer.AsSpan(0, length).ToArray();
                length += n;
                if (length > limit.Bytes)
                    throw TooLarge(length, limit, chunked: true);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static ApiProblem TooLarge(long bytes, BodyLimit limit, bool chunked = false) => new(StatusCodes.Status413PayloadTooLarge, "Payload too large",
        chunked
            ? $"the body grew past {limit.Bytes} bytes, the most this route accepts; the rest was not read"
            : $"the body is {bytes} bytes; this route accepts at most {limit.Bytes}");

    /// <summary>The verified signing key of this request.</summary>
    public static string Signer(HttpContext context) =>
        context.Items[SignerItem] as string ?? throw ApiProblem.Unauthorized("the request is not signed");
}
