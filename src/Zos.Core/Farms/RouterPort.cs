using Zos.Core.Primitives;

namespace Zos.Core.Farms;

/// <summary>One interface of the farm router on a switch: its addresses there.</summary>
public sealed record RouterPort
{
    public string? Switch { get; init; }

    public int? Vlan { get; init; }

    /// <summary>
    /// The router's interface that carries <see cref="Vlan"/> tagged (802.1Q) on a trunk to the switch; null for a port
    /// that is an untagged member of the VLAN (or of a switch without VLANs). <c>zos farm router-config</c> then creates
    /// the VLAN link on it.
    /// </summary>
    public string? Trunk { get; init; }

    public InterfaceAddress? Ipv4 { get; init; }

    public InterfaceAddress? Ipv6 { get; init; }
}
