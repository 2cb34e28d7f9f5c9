namespace Zos.Lab.Runtime;

/// <summary>What `lab up --demo` showed: the network, the pings between workloads (IPv6 first) and the laptop's.</summary>
public sealed record LabDemoResult(string NetId, IReadOnlyList<LabPing> Pings, string? LaptopConfig, IReadOnlyList<string> Problems)
{
    /// <summary>
    /// Every IPv4 ping answered (workloads and laptop). The workloads' IPv6 (ULA) pings are shown but not required:
    /// the mesh's AllowedIPs carry the IPv4 subnets and WireGuard addresses only, as Zero-OS's do (zos-networking.md §6).
    /// </summary>
    public bool AllAnswered => Problems.Count == 0 && Ipv4.Count > 0 && Ipv4.All(p => p.Answered);

    public IReadOnlyList<LabPing> Ipv4 => [.. Pings.Where(p => !p.Address.Contains(':', StringComparison.Ordinal))];

    public IReadOnlyList<LabPing> Ipv6 => [.. Pings.Where(p => p.Address.Contains(':', StringComparison.Ordinal))];
}
