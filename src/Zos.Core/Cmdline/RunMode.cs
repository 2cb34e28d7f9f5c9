namespace Zos.Core.Cmdline;

/// <summary>The grid a node joins (kernel parameter runmode=, boot-and-registry.md §1.3).</summary>
public enum RunMode
{
    Dev,
    Qa,
    Test,
    Prod,
}
