using Zos.Core.Contracts;

namespace Zos.Registry;

/// <summary>Aggregates for the Cockpit: one call (a few queries) per panel, whatever the number of nodes.</summary>
public sealed class CockpitService(RegistryService registry, TimeProvider time)
{
    public async Task<CapacityOverview> CapacityAsync(CancellationToken ct)
    {
        var farms = await registry.Store.ListFarmsAsync(ct);
        var nodes = await registry.ViewsAsync(await registry.Store.ListNodesAsync(null, false, ct), ct);
        var byFarm = nodes.Where(n => n.FarmId is not null).ToLookup(n => n.FarmId!.Value);
        var lines = new List<FarmCapacity>();
        foreach (var f in farms)
        {
            var mine = byFarm[f.Farm.Id].ToList();
            var up = mine.Where(n => n.Status == NodeStatus.Up).ToList();
            var used = mine.Select(n => n.PublicConfig?.Ipv4.Address).OfType<string>().Select(a => a.Split('/')[0]).ToHashSet(StringComparer.Ordinal);
            var free = f.Farm.PublicIps.Count(ip => !used.Contains(ip.Ip.Split('/')[0]));
            lines.Add(new FarmCapacity(f.Farm.Id, f.Farm.Name, up.Count, mine.Count,
                up.Sum(n => (long)n.Capacity.CpuCores), up.Sum(n => n.Capacity.MemoryBytes),
                up.Sum(n => n.Capacity.SsdBytes), up.Sum(n => n.Capacity.HddBytes), free, f.Farm.PublicIps.Count));
        }
        return new CapacityOverview(lines, nodes.Count(n => n.FarmId is null), time.GetUtcNow());
    }

    public async Task<FarmOverview> FarmAsync(uint farmId, CancellationToken ct)
    {
        var stored = await registry.Store.GetFarmAsync(farmId, ct) ?? throw ApiProblem.NotFound($"farm {farmId} does not exist");
        var nodes = await registry.Store.ListNodesAsync(farmId, false, ct);
        var views = await registry.ViewsAsync(nodes, ct);
        return new FarmOverview(RegistryService.WithIpUsers(stored.Farm, nodes), [.. views.Select(FarmNodeLine.From)],
            registry.Options.DownAfter, time.GetUtcNow());
    }

    public async Task<NetworkOverview> NetworkAsync(string netId, CancellationToken ct)
    {
        var (network, mesh) = await registry.GetMeshAsync(netId, ct);
        var byKey = network.Members.Where(m => m.PublicKey is not null).ToDictionary(m => m.PublicKey!, m => m.Id, StringComparer.Ordinal);
        var links = mesh.PeersByMember
            .SelectMany(kv => kv.Value.Select(p => new MeshLink(kv.Key, byKey.TryGetValue(p.PublicKey, out var to) ? to : p.PublicKey, p.Endpoint, p.AllowedIps)))
            .ToList();
        var hidden = network.Members.Where(m => m.Kind == "user" || m.Endpoints.Count == 0).Select(m => m.Id).ToList();
        return new NetworkOverview(network, mesh.AccessNodeId, links, hidden, mesh.Error);
    }
}
