using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Zos.Core.Contracts;

namespace Zos.Registry.Api;

/// <summary>
/// The edge of every answer: puts the <see cref="SecurityHeaders"/> on it, refuses a request target longer than
/// <see cref="ContractLimits.MaxRequestTargetLength"/> (414), and makes every 4xx/5xx application/problem+json of a
/// few KB: refusals thrown (<see cref="ApiProblem"/>, unreadable bodies) and statuses set without a body (405 from
/// routing, 404 of a Cockpit file, 415 of a body that is not JSON) alike.
/// </summary>
public sealed class ProblemMiddleware(RequestDelegate next, ILogger<ProblemMiddleware> log)
{
    public async Task InvokeAsync(HttpContext context)
    {
        SecurityHeaders.Apply(context.Response);
        try
        {
            if (TargetLength(context) is var length and > ContractLimits.MaxRequestTargetLength)
            {
                throw new ApiProblem(StatusCodes.Status414UriTooLong, "URI too long",
                    $"the request target is {length} characters long; at most {ContractLimits.MaxRequestTargetLength} are allowed");
            }
            await next(context);
            if (!context.Response.HasStarted && context.Response.StatusCode >= 400 && context.Response.ContentLength is null or 0
                && context.Response.ContentType is null)
            {
                var status = context.Response.StatusCode;
                await WriteAsync(context, new ApiProblem(status, ReasonPhrases.GetReasonPhrase(status), EmptyDetail(context, status)), clear: false);
            }
        }
        catch (ApiProblem p) when (!context.Response.HasStarted)
        {
            await WriteAsync(context, p);
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            var detail = e.InnerException is JsonException j ? $"the body is not valid JSON for this request: {j.Message}" : e.Message;
            await WriteAsync(context, new ApiProblem(e.StatusCode, ReasonPhrases.GetReasonPhrase(e.StatusCode) is { Length: > 0 } r ? r : "Bad request", detail));
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away (e.g. a long-poll given up): nothing to answer.
        }
        catch (Exception e) when (!context.Response.HasStarted)
        {
            log.RequestFailed(e, context.Request.Method, context.Request.Path);
            await WriteAsync(context, new ApiProblem(StatusCodes.Status500InternalServerError, "Internal error", e.Message));
        }
    }

    /// <summary>The request target's length (path and query as sent).</summary>
    private static int TargetLength(HttpContext context) =>
        context.Features.Get<IHttpRequestFeature>()?.RawTarget is { Length: > 0 } raw
            ? raw.Length
            : (context.Request.Path.Value?.Length ?? 0) + (context.Request.QueryString.Value?.Length ?? 0);

    private static string? EmptyDetail(HttpContext context, int status) => status switch
    {
        StatusCodes.Status404NotFound => $"nothing at {ContractLimits.Echo(context.Request.Path.Value)}",
        StatusCodes.Status405MethodNotAllowed => $"{ContractLimits.Echo(context.Request.Method)} is not allowed here" +
            (context.Response.Headers.Allow.ToString() is { Length: > 0 } allow ? $"; allowed: {allow}" : ""),
        StatusCodes.Status415UnsupportedMediaType => $"the body must be application/json, not '{ContractLimits.Echo(context.Request.ContentType)}'",
        _ => null,
    };

    public static Task WriteAsync(HttpContext context, ApiProblem p) => WriteAsync(context, p, clear: true);

    private static async Task WriteAsync(HttpContext context, ApiProblem p, bool clear)
    {
        var response = context.Response;
        if (clear)
        {
            response.Clear();
            SecurityHeaders.Apply(response);
        }
        response.StatusCode = p.Status;
        response.ContentType = "application/problem+json";
        if (p.Status == StatusCodes.Status413PayloadTooLarge)
        {
            // The rest of the body is not wanted: Kestrel closes the connection instead of reading it to its end.
            response.Headers.Connection = "close";
        }
        var body = new Dictionary<string, object?>
        {
            ["type"] = $"https://httpstatuses.io/{p.Status}",
            ["title"] = ProblemText.Shorten(p.Title, ProblemText.MaxMessage),
            ["status"] = p.Status,
        };
        if (p.Detail is not null)
            body["detail"] = ProblemText.Shorten(p.Detail, ProblemText.MaxDetail);
        if (p.Errors.Count > 0)
        {
            // Bounded whatever was refused: 16 fields of 4 messages of 300 characters at most.
            var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
            foreach (var (field, messages) in p.Errors.Take(ProblemText.MaxFields))
            {
                errors.TryAdd(ProblemText.Shorten(field, ProblemText.MaxField),
                    [.. messages.Take(ProblemText.MaxMessagesPerField).Select(m => ProblemText.Shorten(m, ProblemText.MaxMessage))]);
            }
            body["errors"] = errors;
        }
        await JsonSerializer.SerializeAsync(response.Body, body, ContractJson.Options, context.RequestAborted);
    }
}
