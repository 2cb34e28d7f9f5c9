using Zos.Core.Contracts;
using Zos.Core.Naming;
using Zos.Core.Primitives;
using Zos.Core.Reconcile.Operations;

namespace Zos.Core.Reconcile;

/// <summary>
/// The pure diff of a pass: desired resources against what the kernel has, giving ordered operations. Deletions
/// come first (they free ports and leases), then ndmz, then each resource in build order (namespace, bridge,
/// links, addresses, routes, WireGuard, firewall). A pass where everything matches yields no operation.
/// </summary>
public static class NetworkReconciler
{
    public static IReadOnlyList<ReconcileOperation> Plan(IReadOnlyList<DesiredResource> desired, ActualNodeState actual)
    {
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(actual);
        var ops = new List<ReconcileOperation>();
        // The host firewall opens the desired networks' ports; every step that applies it carries them.
        var hostPorts = new WireGuardPorts(desired.Select(d => d.ListenPort));
        var wanted = desired.Select(d => d.NetId.Value).ToHashSet(StringComparer.Ordinal);
        foreach (var stale in actual.Resources.Where(r => !wanted.Contains(r.NetId)).OrderBy(r => r.NetId, StringComparer.Ordinal))
        {
            // The kernel side finds resources by their NetID-named namespace or bridge only, so the id parses.
            if (NetId.TryParse(stale.NetId, out var id))
                ops.Add(new DeleteNetwork(id, hostPorts));
        }
        if (desired.Count > 0 && !actual.NdmzReady)
            ops.Add(new EnsureNdmz(hostPorts));
        foreach (var d in desired)
            PlanResource(d, actual.Find(d.NetId.Value) ?? new ActualResource(d.NetId.Value), hostPorts, ops);
        return ops;
    }

    private static void PlanResource(DesiredResource d, ActualResource a, WireGuardPorts hostPorts, List<ReconcileOperation> ops)
    {
        var id = d.NetId;
        if (!a.NamespaceExists)
            ops.Add(new CreateNamespace(id));
        if (!a.BridgeExists)
            ops.Add(new CreateBridge(id));
        var links = a.NamespaceExists ? a.Links : new Dictionary<string, IReadOnlyList<InterfaceAddress>>();
        if (!links.ContainsKey(d.GatewayLink))
            ops.Add(new CreateGatewayLink(id));
        if (!links.ContainsKey(InterfaceNames.Public))
            ops.Add(new CreatePublicLink(id));
        var wgPresent = links.ContainsKey(d.WireGuardLink) && a.WireGuardUnderlayCurrent;
        if (!wgPresent)
            ops.Add(new CreateWireGuard(id, hostPorts));

        foreach (var (link, want) in d.Addresses)
        {
            // A link about to be (re)created has no address yet.
            var freshLink = !links.TryGetValue(link, out var have) || (link == d.WireGuardLink && !wgPresent);
            have = freshLink ? [] : have!;
            foreach (var extra in have.Where(h => !want.Contains(h) && !IsAutoLinkLocal(h)))
                ops.Add(new RemoveAddress(id, link, extra));
            foreach (var missing in want.Where(w => !have.Contains(w)))
                ops.Add(new AddAddress(id, link, missing));
        }

        // Routes on a w- link about to be re-created go with it; the others stay until removed. Stale ones go first,
        // so that a route replaced by one to the same destination can be added.
        var routes = a.NamespaceExists && wgPresent ? a.Routes : a.Routes.Where(r => r.Device != d.WireGuardLink).ToList();
        if (a.NamespaceExists)
        {
            foreach (var stale in routes.Where(r => !d.Routes.Contains(r)))
                ops.Add(new RemoveRoute(id, stale));
        }
        foreach (var route in d.Routes.Where(r => !routes.Contains(r)))
            ops.Add(new AddRoute(id, route));

        var wireGuard = d.WireGuard;
        if (!wgPresent || a.WireGuardPrivateKey != d.PrivateKey || a.WireGuardListenPort != d.ListenPort)
            ops.Add(new ConfigureWireGuard(id, wireGuard));
        if (!wgPresent || !SamePeers(d.Peers, a.WireGuardPeers))
            ops.Add(new SetPeers(id, wireGuard));
        if (!a.NamespaceExists || !a.FirewallCurrent)
            ops.Add(new ApplyFirewall(id, d.Subnet, d.UlaSubnet, hostPorts));
    }

    /// <summary>fe80:: addresses the kernel puts on every link by itself (fe80::1 is ours and is in the desired list).</summary>
    private static bool IsAutoLinkLocal(InterfaceAddress address) => address.Address.IsIPv6LinkLocal;

    /// <summary>Peer sets are equal when each public key has the same allowed IPs (as a set), endpoint and keepalive.</summary>
    public static bool SamePeers(IReadOnlyList<PeerSpec> desired, IReadOnlyList<PeerSpec> actual)
    {
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(actual);
        if (desired.Count != actual.Count)
            return false;
        var byKey = actual.ToDictionary(p => p.PublicKey, StringComparer.Ordinal);
        foreach (var want in desired)
        {
            if (!byKey.TryGetValue(want.PublicKey, out var have))
                return false;
            if (!want.AllowedIps.ToHashSet(StringComparer.Ordinal).SetEquals(have.AllowedIps))
                return false;
            if (!string.Equals(want.Endpoint, have.Endpoint, StringComparison.Ordinal))
                return false;
            if ((want.PersistentKeepalive ?? 0) != (have.PersistentKeepalive ?? 0))
                return false;
        }
        return true;
    }
}
