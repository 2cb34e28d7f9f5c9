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

    /// <summary>wireguard-go control sockets (null: /run/wireguard).</summary>
    public string? WireGuardRuntimeDirectory { get; init; }
}
