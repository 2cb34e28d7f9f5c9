using Zos.Core.Contracts;

namespace Zos.Registry.Cockpit;

/// <summary>
/// Whether a node's public endpoint answered, from what was checked rather than from its config: a network peer's
/// WireGuard handshake with the node's key in a network where the node has endpoints. A handshake needs packets both
/// ways between the peer and the node's listening port (whoever started it, the answer came back through the
/// endpoint), so it is a check of that endpoint, dated by the peer. Pure: reports in, the latest check per node out.
/// </summary>
public static class PublicReachability
{
    /// <summary>The latest check of each node of <paramref name="reports"/> that has one; nodes without are absent.</summary>
    public static IReadOnlyDictionary<string, ReachCheck> Checks(IEnumerable<(string NodeId, NodeReport Report)> reports)
    {
        var all = reports.Where(r => r.Report?.Networks is not null).ToList();
        // (network, WireGuard key) → the node it belongs to, for the keys of nodes with a public endpoint in that network.
        var reachableKeys = new Dictionary<(string, string), string>();
        foreach (var (nodeId, report) in all)
        {
            foreach (var n in report!.Networks.OfType<NetworkReport>())
            {
                if (n.NetId is not null && n.PublicKey is not null && n.Endpoints is { Count: > 0 })
                    reachableKeys[(n.NetId, n.PublicKey)] = nodeId;
            }
        }
        var checks = new Dictionary<string, ReachCheck>(StringComparer.Ordinal);
        foreach (var (peer, report) in all)
        {
            foreach (var n in report!.Networks.OfType<NetworkReport>())
            {
                foreach (var h in n.Handshakes?.OfType<PeerHandshake>() ?? [])
                {
                    if (h.Latest is not { } at || n.NetId is null || h.PublicKey is null || !reachableKeys.TryGetValue((n.NetId, h.PublicKey), out var node) || node == peer)
                        continue;
                    if (!checks.TryGetValue(node, out var known) || known.At < at)
                        checks[node] = new ReachCheck(at, peer, n.NetId);
                }
            }
        }
        return checks;
    }
}
