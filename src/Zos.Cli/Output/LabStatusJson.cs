using Zos.Lab.Runtime;

namespace Zos.Cli.Output;

/// <summary>`zos lab status --json`: the running lab, each node's progress and the demo's network when there is one.</summary>
internal sealed record LabStatusJson(
    string Scenario,
    DateTimeOffset StartedAt,
    string? RegistryUrl,
    string? CockpitUrl,
    IReadOnlyDictionary<string, uint> FarmIds,
    IReadOnlyList<LabNodeProgress> Nodes,
    LabDemoState? Demo);
