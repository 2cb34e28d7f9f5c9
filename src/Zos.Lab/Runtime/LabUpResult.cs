namespace Zos.Lab.Runtime;

/// <summary>What `lab up` ended with.</summary>
public sealed record LabUpResult(string CockpitUrl, IReadOnlyList<LabNodeProgress> Nodes, TimeSpan Elapsed)
{
    public bool AllRegistered => Nodes.All(n => n.Registered);
}
