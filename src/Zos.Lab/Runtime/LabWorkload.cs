namespace Zos.Lab.Runtime;

/// <summary>A demo workload: the namespace <see cref="LabDemo.WorkloadNamespace"/> inside node <paramref name="Label"/>, with its overlay addresses.</summary>
public sealed record LabWorkload(string Label, string NodeId, string Ipv4, string Ipv6);
