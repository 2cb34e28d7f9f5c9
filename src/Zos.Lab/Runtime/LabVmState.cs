namespace Zos.Lab.Runtime;

/// <summary>
/// A VM node of a running lab: the switch namespace its qemu runs in, qemu's arguments (a power-on after `lab kill`
/// starts it again with the same ones, so the same state disk), its debug shell's socket and its state disk (null: none).
/// </summary>
public sealed record LabVmState(string SwitchNamespace, IReadOnlyList<string> Arguments, string ShellSocket, string? Disk);
