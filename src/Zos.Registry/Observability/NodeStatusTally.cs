using Zos.Core.Contracts;
using Zos.Registry.Storage;

namespace Zos.Registry.Observability;

/// <summary>
/// How many nodes each farm has up and down at one instant: the gauge <c>zos_registry_nodes</c> computed at scrape
/// time. The rule is the API's (<see cref="Nodes.NodeService"/>): up while the last heartbeat is at most
/// <see cref="RegistryOptions.DownAfter"/> old.
/// </summary>
internal static class NodeStatusTally
{
    /// <summary>The label nodes outside any farm (orphans, nodes waiting for approval) are counted under.</summary>
    public const string NoFarm = "none";

    /// <summary>Counts per (farm label, status); every farm with a node gets both statuses, zeros included.</summary>
    public static IReadOnlyDictionary<(string Farm, NodeStatus Status), int> Count(IEnumerable<StoredNode> nodes, long nowMs, long downAfterMs)
    {
        var counts = new Dictionary<(string, NodeStatus), int>();
        foreach (var node in nodes)
        {
            var farm = node.FarmId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? NoFarm;
            var status = nowMs - node.LastSeen <= downAfterMs ? NodeStatus.Up : NodeStatus.Down;
            counts.TryAdd((farm, NodeStatus.Up), 0);
            counts.TryAdd((farm, NodeStatus.Down), 0);
            counts[(farm, status)]++;
        }
        return counts;
    }
}
