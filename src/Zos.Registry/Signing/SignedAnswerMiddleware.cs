using Microsoft.AspNetCore.Http;
using Zos.Core.Contracts;
using Zos.Core.Validation;
using Zos.Registry.Api;

namespace Zos.Registry.Signing;

/// <summary>
/// Signs the answers of routes marked <see cref="SignedAnswer"/> (a node's desired state, its registration) with the
/// registry's key, as <see cref="ResponseSigning"/> describes: the answer is buffered (these documents are small), then
/// the key and signature headers are set over method, path, node id, ETag, status, the node's challenge and the body's
/// SHA-256. Only successful answers (2xx, 304) are signed: a refusal changes nothing on a node.
/// </summary>
public sealed class SignedAnswerMiddleware(RequestDelegate next, RegistrySigningKey key)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<SignedAnswer>() is null)
        {
            await next(context);
            return;
        }
        var challenge = context.Request.Headers[ResponseSigning.ChallengeHeader].ToString();
        if (challenge.Length > 0 && !ResponseSigning.IsValidChallenge(challenge))
        {
            var shown = challenge.Length > ResponseSigning.MaxChallengeLength ? challenge[..ResponseSigning.MaxChallengeLength] + "..." : challenge;
            throw ApiProblem.Invalid([new ValidationError(ResponseSigning.ChallengeHeader,
                $"'{shown}' is not a challenge: 1 to {ResponseSigning.MaxChallengeLength} lowercase hex characters")])!;
        }

        var response = context.Response;
        var original = response.Body;
        using var buffer = new MemoryStream();
        response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            response.Body = original;
        }
        var status = response.StatusCode;
        if (status is (>= 200 and < 300) or StatusCodes.Status304NotModified)
        {
            var request = context.Request;
            var nodeId = context.Request.RouteValues.TryGetValue("id", out var id) && id is string routed
                ? routed
                : context.Items[SignatureMiddleware.SignerItem] as string ?? "";
            var body = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
            var canonical = ResponseSigning.CanonicalBytes(request.Method, request.PathBase.Add(request.Path).Value ?? "", nodeId,
                response.Headers.ETag.ToString(), status, challenge, RequestSigning.BodyHash(body));
            response.Headers[ResponseSigning.KeyHeader] = key.PublicKeyBase64;
            response.Headers[ResponseSigning.SignatureHeader] = Convert.ToBase64String(key.Sign(canonical));
        }
        if (buffer.Length > 0)
        {
            buffer.Position = 0;
            await buffer.CopyToAsync(original, context.RequestAborted);
        }
    }
}
