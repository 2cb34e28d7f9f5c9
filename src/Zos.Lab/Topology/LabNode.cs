using Zos.Core.Farms;

namespace Zos.Lab.Topology;

/// <summary>A lab node: its namespace (plus a private mount namespace at run time) and the farm node it plays.</summary>
public sealed record LabNode(string Namespace, FarmDefinition Farm, FarmNode Node)
{
    public string Label => $"{Farm.Name}/{Node.Name}";
}
