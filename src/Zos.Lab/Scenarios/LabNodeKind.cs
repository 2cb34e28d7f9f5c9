namespace Zos.Lab.Scenarios;

/// <summary>How the lab plays a farm node: a network namespace running the daemon, or a qemu VM booting the node image.</summary>
public enum LabNodeKind
{
    Namespace,
    Vm,
}
