using System.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Zos.Registry.Observability;

/// <summary>
/// Times every request and records it in <see cref="RegistryMetrics"/> once answered. It runs outermost, so the status
/// recorded is the one the client got (after <see cref="Api.ProblemMiddleware"/> turned refusals into answers). Cheap
/// on the heartbeat path: two timestamps and a cached series, no allocation.
/// </summary>
internal sealed class RequestMetricsMiddleware(RequestDelegate next, RegistryMetrics metrics)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var answered = false;
        try
        {
            await next(context);
            answered = true;
        }
        finally
        {
            // An exception that escaped every handler before the answer started reached the client as Kestrel's 500.
            var status = answered || context.Response.HasStarted ? context.Response.StatusCode : StatusCodes.Status500InternalServerError;
            metrics.Observe(context.GetEndpoint(), context.Request.Method, status, Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
    }
}
