using Zos.Core.Primitives;

namespace Zos.Lab.Topology;

/// <summary>One NIC of a VM: the tap it is wired to and the MAC the scenario gives it; <paramref name="Boot"/> marks the NIC that PXE-boots.</summary>
public sealed record LabVmNic(string Tap, MacAddress Mac, bool Boot);
