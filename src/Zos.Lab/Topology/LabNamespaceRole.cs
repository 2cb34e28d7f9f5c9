namespace Zos.Lab.Topology;

/// <summary>What a lab namespace stands for.</summary>
public enum LabNamespaceRole
{
    Internet,
    Router,
    Switch,
    BootServer,
    Node,
}
