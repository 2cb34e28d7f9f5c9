using System.Text.Json;

namespace Zos.Client;

/// <summary>
/// The one answer to "is this failure of a registry call worth trying again": the registry did not answer, answered
/// with an error, answered unsigned or signed by another key (<see cref="RegistryTrustException"/>: the real registry may
/// answer later), or sent something unreadable (HTTP timeouts surface as cancellation of a token the caller did not
/// cancel). A caller that is stopping gets false, so its cancellation goes through.
/// </summary>
public static class RegistryFailure
{
    public static bool IsTransient(Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return !cancellationToken.IsCancellationRequested
               && exception is HttpRequestException or RegistryException or RegistryTrustException or InvalidDataException or JsonException or OperationCanceledException;
    }
}
