namespace Zos.Lab.Topology;

/// <summary>A network namespace the lab creates, with what it stands for.</summary>
public sealed record LabNamespace(string Name, LabNamespaceRole Role, string? Farm = null);
