namespace Zos.Lab.Runtime;

/// <summary>What `lab up --demo` (or `lab ping`) showed: the network, the pings between workloads (IPv6 first) and the laptop's, and what went wrong.</summary>
public sealed record LabDemoResult(string NetId, IReadOnlyList<LabPing> Pings, string? LaptopConfig, IReadOnlyList<string> Problems)
{
    /// <summary>Every ping answered: workloads to each other over IPv6 and IPv4, the laptop to every workload.</summary>
    public bool AllAnswered => Problems.Count == 0 && Pings.Count > 0 && Pings.All(p => p.Answered);

    public IReadOnlyList<LabPing> Ipv4 => [.. Pings.Where(p => !p.IsIpv6)];

    public IReadOnlyList<LabPing> Ipv6 => [.. Pings.Where(p => p.IsIpv6)];

    /// <summary>The access node and hidden members as the registry's mesh chose them.</summary>
    public LabDemoState? State { get; init; }
}
