using Zos.Core.Farms;

namespace Zos.Lab.Scenarios;

/// <summary>
/// A lab scenario: one or more farms brought up side by side behind one "internet" and one registry, with each
/// node's lab options (keyed by "farm/node"; a node not named gets <see cref="LabNodeOptions.Default"/>).
/// </summary>
public sealed record LabScenario(string Name, IReadOnlyList<FarmDefinition> Farms)
{
    public IReadOnlyDictionary<string, LabNodeOptions> NodeOptions { get; init; } = new Dictionary<string, LabNodeOptions>(StringComparer.Ordinal);

    public LabNodeOptions Options(FarmDefinition farm, FarmNode node) =>
        NodeOptions.GetValueOrDefault($"{farm.Name}/{node.Name}") ?? LabNodeOptions.Default;

    /// <summary>`lab up --vm`: every node a VM, keeping its other options.</summary>
    public LabScenario AllVms() => this with
    {
        NodeOptions = Farms.SelectMany(f => f.Nodes.Select(n => (Key: $"{f.Name}/{n.Name}", Value: Options(f, n) with { Kind = LabNodeKind.Vm })))
            .ToDictionary(x => x.Key, x => x.Value, StringComparer.Ordinal),
    };
}
