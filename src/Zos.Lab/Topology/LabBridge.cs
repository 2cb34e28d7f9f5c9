namespace Zos.Lab.Topology;

/// <summary>A switch (or one port-based VLAN of a switch) modelled as a bridge inside a switch namespace.</summary>
public sealed record LabBridge(string Namespace, string Name);
