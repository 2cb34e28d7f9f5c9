namespace Zos.Lab.Topology;

/// <summary>A VM's NIC cable: a tap in the switch namespace, a port of bridge <paramref name="Master"/>, where a node's veth would plug in.</summary>
public sealed record LabTap(string Namespace, string Name, string Master);
