using Zos.Core.Farms;

namespace Zos.Lab.Topology;

/// <summary>
/// A lab node and the farm node it plays: a namespace (plus a private mount namespace at run time) running the daemon,
/// or, when <see cref="Vm"/> is set, a VM (then <paramref name="Namespace"/> only names its directory). An unlisted
/// node (<see cref="Listed"/> false) has its MAC on neither the registry's nor the boot server's list.
/// </summary>
public sealed record LabNode(string Namespace, FarmDefinition Farm, FarmNode Node)
{
    public string Label => $"{Farm.Name}/{Node.Name}";

    public LabVm? Vm { get; init; }

    public bool Listed { get; init; } = true;
}
