namespace Zos.Lab.Runtime;

/// <summary>
/// What a running lab made, written as soon as each part exists, so `zos lab down` removes exactly that, even
/// after `lab up` crashed half-way.
/// </summary>
public sealed record LabState
{
    public string Scenario { get; init; } = "";
    public DateTimeOffset StartedAt { get; init; }
    public List<string> Namespaces { get; init; } = [];
    public List<string> HostLinks { get; init; } = [];
    public List<LabProcess> Processes { get; init; } = [];
    public List<LabNodeState> Nodes { get; init; } = [];
    public Dictionary<string, uint> FarmIds { get; init; } = [];
    public string? RegistryUrl { get; init; }
    public string? CockpitUrl { get; init; }

    /// <summary>What `lab up --demo` made (network, workloads, laptop), for `zos lab ping`.</summary>
    public LabDemoState? Demo { get; set; }
}
