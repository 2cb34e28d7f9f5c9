using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Zos.Registry;

/// <summary>The registry's log messages, source-generated (<see cref="LoggerMessageAttribute"/>) with stable event ids.</summary>
internal static partial class RegistryLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "request {Method} {Path} failed")]
    public static partial void RequestFailed(this ILogger logger, Exception exception, string method, PathString path);
}
