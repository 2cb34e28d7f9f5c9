using Microsoft.Extensions.Logging;

namespace Zos.Registry.Observability;

/// <summary>Log messages of /metrics and /healthz (event ids 100-199 of the registry).</summary>
internal static partial class ObservabilityLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Warning, Message = "/metrics: the store did not answer the node count; zos_registry_store_up is 0")]
    public static partial void NodeCountFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "/healthz: the store did not answer: {Reason}")]
    public static partial void StoreUnhealthy(this ILogger logger, string reason);
}
