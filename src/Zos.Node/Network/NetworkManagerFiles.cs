namespace Zos.Node.Network;

/// <summary>File names the network manager keeps in the node's state directory.</summary>
public static class NetworkManagerFiles
{
    /// <summary>Keys, ports, ndmz leases and the chosen public NIC (mode 0600).</summary>
    public const string StateFileName = "network-state.json";

    /// <summary>wireguard-go control sockets of this node (a directory per node keeps nodes in one machine apart).</summary>
    public const string WireGuardDirectoryName = "wireguard";
}
