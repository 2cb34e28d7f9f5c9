using Zos.Core.Primitives;

namespace Zos.Core.Farms;

/// <summary>One interface of the farm router on a switch: its addresses there.</summary>
public sealed record RouterPort
{
    public string? Switch { get; init; }

    public int? Vlan { get; init; }

    public InterfaceAddress? Ipv4 { get; init; }

    public InterfaceAddress? Ipv6 { get; init; }
}
