namespace Zos.Core.Bringup;

/// <summary>
/// The node's status file (JSON in the state directory), also printed by <c>zos node status</c>: bring-up phase,
/// attempt count, the per-NIC table of the last attempt, parameter problems, identity and registry state.
/// </summary>
public sealed record BringupStatus
{
    public DateTimeOffset UpdatedAt { get; init; }

    public BringupPhase Phase { get; init; }

    public int Attempt { get; init; }

    public DateTimeOffset? NextAttemptAt { get; init; }

    /// <summary>The last attempt's error, or null.</summary>
    public string? LastError { get; init; }

    public string? ChosenNic { get; init; }

    public AddressFamilyChoice? Family { get; init; }

    /// <summary>True when the setup found at start was kept rather than rebuilt.</summary>
    public bool KeptExistingSetup { get; init; }

    public bool InternetOk { get; init; }

    public DateTimeOffset? InternetOkAt { get; init; }

    public IReadOnlyList<NicStatusRow> Nics { get; init; } = [];

    /// <summary>Kernel command line or config problems, each naming the parameter and value.</summary>
    public IReadOnlyList<string> ParameterProblems { get; init; } = [];

    public string? NodeId { get; init; }

    public uint? FarmId { get; init; }

    public bool Orphan { get; init; }

    public IReadOnlyList<string> ZosAddresses { get; init; } = [];

    public bool Registered { get; init; }

    public DateTimeOffset? RegisteredAt { get; init; }

    public DateTimeOffset? LastHeartbeatAt { get; init; }

    public string? RegistryError { get; init; }

    /// <summary>
    /// Set while the registry keeps the node out of its farm: waiting for the farmer's approval, or refused (the
    /// node keeps asking, and goes on as soon as it is let in). Null once it is part of the farm (or an orphan).
    /// </summary>
    public string? Enrollment { get; init; }
}
