using Zos.Core.Contracts;

namespace Zos.Registry.Storage;

/// <summary>What the Cockpit reads to say whether a node's public endpoint answered: its network peers' reports.</summary>
public partial interface IRegistryStore
{
    /// <summary>
    /// The last report of every node that shares a network with a node of farm <paramref name="farmId"/> (those
    /// nodes included): their WireGuard keys, endpoints and handshakes per network. Nodes in no network add nothing.
    /// </summary>
    Task<IReadOnlyList<(string NodeId, NodeReport Report)>> ListNetworkReportsOfFarmAsync(uint farmId, CancellationToken ct);
}
