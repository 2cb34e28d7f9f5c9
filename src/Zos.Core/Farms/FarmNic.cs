using Zos.Core.Primitives;

namespace Zos.Core.Farms;

/// <summary>One NIC of a node and the switch port it plugs into.</summary>
public sealed record FarmNic
{
    /// <summary>The name the lab gives the NIC inside the node (eth0, eth1, ...); optional.</summary>
    public string? Name { get; init; }

    /// <summary>Null when the file's value was missing or malformed (reported by the parser).</summary>
    public MacAddress? Mac { get; init; }

    /// <summary>The switch this NIC plugs into.</summary>
    public string? Switch { get; init; }

    /// <summary>Null: inferred (the only NIC, or the NIC on the management switch, is the management NIC).</summary>
    public NicRole? Role { get; init; }

    /// <summary>Access (untagged) VLAN of the switch port, on a single-switch farm with port-based VLANs.</summary>
    public int? Vlan { get; init; }

    /// <summary>VLANs the switch port carries tagged (a trunk; the node then needs vlan:priv / vlan:pub).</summary>
    public IReadOnlyList<int> Tagged { get; init; } = [];
}
