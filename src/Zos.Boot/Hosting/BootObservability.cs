using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Prometheus;

namespace Zos.Boot.Hosting;

/// <summary><c>/metrics</c> and <c>/healthz</c> on the boot server's HTTP side, and its HTTP requests counted.</summary>
internal static class BootObservability
{
    public static void Attach(WebApplication app, BootServer server, BootMetrics metrics)
    {
        app.UseHttpMetrics(o => o.SetMetricFactory(metrics.Factory));
        app.MapMetrics("/metrics", metrics.Registry);
        app.MapGet("/healthz", () =>
        {
            var health = server.Health();
            return Results.Text(health.Text, "text/plain; charset=utf-8",
                statusCode: health.Healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
    }
}
