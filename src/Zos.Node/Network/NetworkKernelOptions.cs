using Zos.Core.Naming;

namespace Zos.Node.Network;

/// <summary>
/// Where the network manager works. On a node every value is the default; tests point the host at a namespace of
/// their own and rename the fixed namespaces so that nothing collides with the machine running them.
/// </summary>
public sealed record NetworkKernelOptions
{
    /// <summary>The node's host namespace (null: the daemon's own).</summary>
    public string? HostNamespace { get; init; }

    public string NdmzNamespace { get; init; } = InterfaceNames.NdmzNamespace;

    public string PublicNamespace { get; init; } = InterfaceNames.PublicNamespace;

    /// <summary>The node's management uplink in the host namespace: network-resource egress is masqueraded to its address (zos#2010).</summary>
    public string Uplink { get; init; } = InterfaceNames.ZosBridge;

    /// <summary>Answer ICMP echo on the node's own addresses (on by default, as the seed document says).</summary>
    public bool AllowIcmpEcho { get; init; } = true;

    /// <summary>
    /// vlan:pub: in single-NIC mode the tozos port of zos gets this VID as its untagged PVID, so br-pub's traffic leaves
    /// the NIC tagged (zos-networking.md §3.2); null = untagged.
    /// </summary>
    public ushort? PublicVlan { get; init; }

    /// <summary>wireguard-go control sockets (null: /run/wireguard).</summary>
    public string? WireGuardRuntimeDirectory { get; init; }
}
