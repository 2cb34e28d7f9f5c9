namespace Zos.Lab.Vm;

/// <summary>What a command run on a VM's shell console printed (stdout and stderr together) and its exit status.</summary>
public sealed record VmConsoleResult(int ExitCode, string Output)
{
    public bool Succeeded => ExitCode == 0;
}
