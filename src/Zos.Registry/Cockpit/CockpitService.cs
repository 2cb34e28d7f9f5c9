using Zos.Core.Contracts;
using Zos.Core.Networks;
using Zos.Registry.Farms;
using Zos.Registry.Networks;
using Zos.Registry.Nodes;
using Zos.Registry.Storage;

namespace Zos.Registry.Cockpit;

/// <summary>Aggregates for the Cockpit: one call (a few queries) per panel, whatever the number of nodes.</summary>
public sealed class CockpitService(FarmService farms, NodeService nodes, FarmEnrollment enrollment, NetworkService networks, IRegistryStore store, RegistryOptions options, TimeProvider time)
{
    public async Task<CapacityOverview> CapacityAsync(CancellationToken ct)
    {
        var all = await farms.ListFarmsAsync(ct);
        var views = await nodes.ListNodesAsync(null, null, false, ct);
        var byFarm = views.Where(n => n.FarmId is not null).ToLookup(n => n.FarmId!.Value);
        var lines = new List<FarmCapacity>();
        foreach (var farm in all)
        {
            var mine = byFarm[farm.Id].ToList();
            var up = mine.Where(n => n.Status == NodeStatus.Up).ToList();
            var used = mine.Select(n => n.PublicConfig?.Ipv4?.Address).OfType<string>().Select(a => a.Split('/')[0]).ToHashSet(StringComparer.Ordinal);
            var free = farm.PublicIps.Count(ip => !used.Contains(ip.Ip.Split('/')[0]));
            lines.Add(new FarmCapacity(farm.Id, farm.Name, up.Count, mine.Count,
                // Saturating sums over what nodes claim (a stored capacity may be missing or absurd): never a 500.
                SaturatingMath.Sum(up, n => n.Capacity?.CpuCores ?? 0), SaturatingMath.Sum(up, n => n.Capacity?.MemoryBytes ?? 0),
                SaturatingMath.Sum(up, n => n.Capacity?.SsdBytes ?? 0), SaturatingMath.Sum(up, n => n.Capacity?.HddBytes ?? 0), free, farm.PublicIps.Count));
        }
        // A node waiting for a farm's approval is not an orphan: it named a farm.
        return new CapacityOverview(lines, views.Count(n => n.FarmId is null && n.Enrollment is null), time.GetUtcNow());
    }

    public async Task<FarmOverview> FarmAsync(uint farmId, CancellationToken ct)
    {
        var farm = await farms.RequireFarmAsync(farmId, ct);
        var views = await nodes.ListNodesAsync(farmId, null, false, ct);
        var pending = await enrollment.ListPendingAsync(farmId, ct);
        var reach = PublicReachability.Checks(await store.ListNetworkReportsOfFarmAsync(farmId, ct));
        return new FarmOverview(FarmService.WithIpUsers(farm, views.Select(v => (v.Id, v.PublicConfig))),
            [.. views.Select(v => FarmNodeLine.From(v) with { Reach = reach.GetValueOrDefault(v.Id) })],
            options.DownAfter, time.GetUtcNow(), pending.Count == 0 ? null : [.. pending.Select(PendingNodeLine.From)]);
    }

    public async Task<NetworkOverview> NetworkAsync(string netId, CancellationToken ct)
    {
        var (network, mesh) = await networks.GetMeshAsync(netId, ct);
        var byKey = network.Members.Where(m => m.PublicKey is not null).ToDictionary(m => m.PublicKey!, m => m.Id, StringComparer.Ordinal);
        var links = mesh.PeersByMember
            .SelectMany(kv => kv.Value.Select(p => new MeshLink(kv.Key, byKey.TryGetValue(p.PublicKey, out var to) ? to : p.PublicKey, p.Endpoint, p.AllowedIps)))
            .ToList();
        var hidden = network.Members.Where(m => m.Kind == NetworkMemberKind.UserAccess || m.Endpoints.Count == 0).Select(m => m.Id).ToList();
        return new NetworkOverview(network, mesh.AccessNodeId, links, hidden, mesh.Error);
    }
}
