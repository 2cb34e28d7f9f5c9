using Zos.Lab.Topology;

namespace Zos.Lab.Vm;

/// <summary>
/// What a lab VM is started with: its name, the NICs on their taps, the state disk (null: none), where its console
/// (first serial port) is logged and where its debug shell (second serial port) listens, and whether KVM is used.
/// </summary>
public sealed record LabVmLaunch(string Name, IReadOnlyList<LabVmNic> Nics, string? Disk, string ConsoleLog, string ShellSocket, bool Kvm)
{
    public const int MemoryMiB = 512;
}
