using Zos.Core.Contracts;

namespace Zos.Registry.Storage;

/// <summary>The network peers' reports of a farm's nodes, in one query over <c>network_nodes</c>.</summary>
public abstract partial class SqlRegistryStore
{
    public Task<IReadOnlyList<(string NodeId, NodeReport Report)>> ListNetworkReportsOfFarmAsync(uint farmId, CancellationToken ct) =>
        ReadAsync<IReadOnlyList<(string, NodeReport)>>(c =>
        {
            using var cmd = Command(c, null,
                "SELECT id, report FROM nodes WHERE report IS NOT NULL AND id IN (SELECT m.node_id FROM network_nodes m WHERE m.net_id IN " +
                "(SELECT nn.net_id FROM network_nodes nn JOIN nodes f ON f.id = nn.node_id WHERE f.farm_id = @f))", ("f", (long)farmId));
            using var r = cmd.ExecuteReader();
            var list = new List<(string, NodeReport)>();
            while (r.Read())
                list.Add((r.GetString(0), FromJson<NodeReport>(r.GetString(1))));
            return list;
        }, ct);
}
