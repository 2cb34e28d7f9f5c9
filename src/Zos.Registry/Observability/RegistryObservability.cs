using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Prometheus;

namespace Zos.Registry.Observability;

/// <summary>What makes the registry an operable service: <c>/metrics</c>, <c>/healthz</c> and the systemd integration.</summary>
internal static class RegistryObservability
{
    /// <summary>Registers the metrics; under systemd (only there) READY=1 once listening, and journald log priorities.</summary>
    public static void AddObservability(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<RegistryMetrics>();
        builder.Services.AddSystemd();
    }

    /// <summary>Times every request (first in the pipeline, to see the final status) and maps <c>/metrics</c> and <c>/healthz</c>.</summary>
    public static void UseObservability(this WebApplication app)
    {
        app.UseMiddleware<RequestMetricsMiddleware>();
        app.MapGet("/healthz", RegistryHealth.CheckAsync);
        app.MapMetrics("/metrics", app.Services.GetRequiredService<RegistryMetrics>().Registry);
    }
}
