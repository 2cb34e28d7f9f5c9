namespace Zos.Lab.Runtime;

/// <summary>One ping of the demo: from a workload (or the laptop) to an address, and whether it was answered.</summary>
public sealed record LabPing(string From, string To, string Address, bool Answered, string? Detail)
{
    public bool IsIpv6 => Address.Contains(':', StringComparison.Ordinal);

    public string Family => IsIpv6 ? "IPv6" : "IPv4";
}
