using System.Net;
using Zos.Core.Naming;
using Zos.Core.Networks;

namespace Zos.Benchmarks;

/// <summary>
/// The baseline for <see cref="MeshBenchmarks"/>: the same peer lists built the way tfgrid-sdk-go builds them
/// (zos-networking.md §6.3), with a new allowed-IP list, endpoint string and peer object for every entry.
/// </summary>
internal static class PerEntryMesh
{
    private sealed record Peer(string PublicKey, List<IPNetwork> AllowedIPs, string Endpoint);

    public static int Build(UserNetwork network)
    {
        var members = network.Members.OrderBy(m => m.Id, StringComparer.Ordinal).ToArray();
        var access = members.FirstOrDefault(m => m.PublicIPv4 is not null && m.PublicIPv6 is not null)?.Id;
        var total = 0;
        foreach (var x in members)
        {
            var peers = new List<Peer>();
            foreach (var y in members)
            {
                if (ReferenceEquals(x, y) || y.IsHidden || (x.IsHidden && y.Id != access))
                    continue;
                var allowed = new List<IPNetwork> { y.Subnet!.Value, new(WireGuardAddress.ForSubnet(y.Subnet.Value), 32) };
                if (y.Id == access)
                {
                    foreach (var h in members)
                    {
                        if (h.IsHidden)
                        {
                            allowed.Add(h.Subnet!.Value);
                            allowed.Add(new IPNetwork(WireGuardAddress.ForSubnet(h.Subnet.Value), 32));
                        }
                    }
                }

                var address = x.PublicIPv6 is not null && y.PublicIPv6 is not null ? y.PublicIPv6 : y.PublicIPv4 ?? y.PublicIPv6;
                peers.Add(new Peer(y.PublicKey, allowed, $"{address}:{y.ListenPort}"));
            }

            total += peers.Count;
        }

        return total;
    }
}
