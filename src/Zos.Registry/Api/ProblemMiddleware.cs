using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Zos.Registry.Api;

/// <summary>Turns refusals (<see cref="ApiProblem"/>, unreadable bodies) into application/problem+json with every field error.</summary>
public sealed class ProblemMiddleware(RequestDelegate next, ILogger<ProblemMiddleware> log)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (ApiProblem p) when (!context.Response.HasStarted)
        {
            await WriteAsync(context, p);
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            var detail = e.InnerException is JsonException j ? $"the body is not valid JSON for this request: {j.Message}" : e.Message;
            await WriteAsync(context, new ApiProblem(e.StatusCode, "Bad request", detail));
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

    public static async Task WriteAsync(HttpContext context, ApiProblem p)
    {
        context.Response.Clear();
        context.Response.StatusCode = p.Status;
        context.Response.ContentType = "application/problem+json";
        var body = new Dictionary<string, object?>
        {
            ["type"] = $"https://httpstatuses.io/{p.Status}",
            ["title"] = p.Title,
            ["status"] = p.Status,
        };
        if (p.Detail is not null)
            body["detail"] = p.Detail;
        if (p.Errors.Count > 0)
            body["errors"] = p.Errors;
        await JsonSerializer.SerializeAsync(context.Response.Body, body, Zos.Core.Contracts.ContractJson.Options, context.RequestAborted);
    }
}
