namespace Zos.Lab.Runtime;

/// <summary>What `lab up` ended with; <see cref="Elapsed"/> runs until every node registered.</summary>
public sealed record LabUpResult(string CockpitUrl, IReadOnlyList<LabNodeProgress> Nodes, TimeSpan Elapsed)
{
    /// <summary>Every node on the farm's list registered (an unlisted node is not expected to).</summary>
    public bool AllRegistered => Nodes.Where(n => n.Listed).All(n => n.Registered);

    /// <summary>The demo's network and pings, with --demo.</summary>
    public LabDemoResult? Demo { get; init; }

    /// <summary>From the first namespace until the last demo ping answered, with --demo.</summary>
    public TimeSpan? DemoElapsed { get; init; }
}
