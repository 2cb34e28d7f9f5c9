namespace Zos.Lab.Topology;

/// <summary>A cable: a veth pair between two namespaces (a NIC and its switch port, a router port, the internet uplink).</summary>
public sealed record LabVeth(LinkEnd A, LinkEnd B);
