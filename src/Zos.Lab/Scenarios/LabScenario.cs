using Zos.Core.Farms;

namespace Zos.Lab.Scenarios;

/// <summary>A lab scenario: one or more farms brought up side by side behind one "internet" and one registry.</summary>
public sealed record LabScenario(string Name, IReadOnlyList<FarmDefinition> Farms);
