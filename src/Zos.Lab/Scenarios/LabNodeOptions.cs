namespace Zos.Lab.Scenarios;

/// <summary>
/// What a scenario says about a node beyond the farm file (lab-only keys of a node: <c>kind</c>, <c>state_disk</c>,
/// <c>listed</c>). <paramref name="StateDisk"/>: a VM gets a blank disk the image's init formats as ZOS-STATE (without
/// one its identity is volatile). <paramref name="Listed"/>: the node's MAC is on the farm's boot list (registry and
/// boot server); an unlisted VM boots but gets no script.
/// </summary>
public sealed record LabNodeOptions(LabNodeKind Kind = LabNodeKind.Namespace, bool StateDisk = true, bool Listed = true)
{
    public static LabNodeOptions Default { get; } = new();
}
