using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Systemd;
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
        NotifyWhenNotSystemdsChild(app.Lifetime);
    }

    /// <summary>
    /// AddSystemd tells systemd READY=1 only when systemd is the parent process. Whoever sets NOTIFY_SOCKET waits for
    /// it all the same (sd_notify(3) asks no more): systemd-run, a container's manager, the package test.
    /// </summary>
    private static void NotifyWhenNotSystemdsChild(IHostApplicationLifetime lifetime)
    {
        var notifier = new SystemdNotifier();
        if (SystemdHelpers.IsSystemdService() || !notifier.IsEnabled)
            return;
        lifetime.ApplicationStarted.Register(() => notifier.Notify(ServiceState.Ready));
        lifetime.ApplicationStopping.Register(() => notifier.Notify(ServiceState.Stopping));
    }
}
