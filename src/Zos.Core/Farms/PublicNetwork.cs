namespace Zos.Core.Farms;

/// <summary>The farm's public segment: the switch (and VLAN) it lives on, its IPv4 subnets and IPv6 prefixes.</summary>
public sealed record PublicNetwork
{
    public string? Switch { get; init; }

    /// <summary>VLAN id on a single-switch farm (vlan:pub when ports are tagged).</summary>
    public int? Vlan { get; init; }

    public IReadOnlyList<PublicIpv4Subnet> Ipv4 { get; init; } = [];

    public IReadOnlyList<PublicIpv6Prefix> Ipv6 { get; init; } = [];
}
