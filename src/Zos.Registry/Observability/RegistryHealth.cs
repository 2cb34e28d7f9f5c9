using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Zos.Registry.Storage;

namespace Zos.Registry.Observability;

/// <summary>
/// <c>GET /healthz</c>: 200 when the store answers a query within <see cref="StoreTimeout"/>, else 503 with the reason
/// (for a load balancer or systemd watchdog script to take this registry out, and for a person to read).
/// </summary>
internal static class RegistryHealth
{
    public static readonly TimeSpan StoreTimeout = TimeSpan.FromSeconds(5);

    public static async Task<IResult> CheckAsync(IRegistryStore store, ILoggerFactory loggers, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(StoreTimeout);
        string reason;
        try
        {
            // Any indexed read proves the store answers; account 0 never exists, so nothing is read but the index.
            await store.GetAccountAsync(0, timeout.Token);
            return Results.Text($"ok: the store ({StoreName(store)}) answers\n", "text/plain; charset=utf-8");
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            reason = $"the store ({StoreName(store)}) did not answer within {StoreTimeout.TotalSeconds:0} s";
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            reason = $"the store ({StoreName(store)}) failed: {e.Message}";
        }
        loggers.CreateLogger(typeof(RegistryHealth).FullName!).StoreUnhealthy(reason);
        return Results.Text($"unhealthy: {reason}\n", "text/plain; charset=utf-8", statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    private static string StoreName(IRegistryStore store) => store is PostgresRegistryStore ? "PostgreSQL" : "SQLite";
}
