using Microsoft.AspNetCore.Http;

namespace Zos.Registry;

/// <summary>
/// The bounds of the services' read-modify-write loops: each reads a document with its version, changes it and writes
/// it back only if the version is still the one read (<see cref="Storage.IRegistryStore"/>), retrying otherwise.
/// </summary>
internal static class OptimisticUpdate
{
    /// <summary>Attempts before a write that keeps losing the race gives up.</summary>
    public const int MaxAttempts = 50;

    /// <summary>The answer when <paramref name="what"/> changed under every attempt.</summary>
    public static ApiProblem GaveUp(string what) =>
        new(StatusCodes.Status409Conflict, "Conflict", $"{what} kept changing; try again");
}
