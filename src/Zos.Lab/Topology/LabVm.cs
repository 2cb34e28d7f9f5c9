namespace Zos.Lab.Topology;

/// <summary>
/// A node played by a qemu VM: it runs in the switch namespace (where its taps are), PXE-boots from the management
/// NIC and keeps its identity on a blank state disk when <paramref name="StateDisk"/>.
/// </summary>
public sealed record LabVm(string SwitchNamespace, IReadOnlyList<LabVmNic> Nics, bool StateDisk);
