using Zos.Core.Contracts;
using Zos.Core.Primitives;

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
        var wanted = desired.Select(d => d.NetId.Value).ToHashSet(StringComparer.Ordinal);
        foreach (var stale in actual.Resources.Where(r => !wanted.Contains(r.NetId)).OrderBy(r => r.NetId, StringComparer.Ordinal))
            ops.Add(new(ReconcileOperationKind.DeleteNetwork, stale.NetId));
        if (desired.Count > 0 && !actual.NdmzReady)
            ops.Add(new(ReconcileOperationKind.EnsureNdmz, ""));
        foreach (var d in desired)
            PlanResource(d, actual.Find(d.NetId.Value) ?? new ActualResource(d.NetId.Value), ops);
        return ops;
    }

    private static void PlanResource(DesiredResource d, ActualResource a, List<ReconcileOperation> ops)
    {
        var id = d.NetId.Value;
        if (!a.NamespaceExists)
            ops.Add(new(ReconcileOperationKind.CreateNamespace, id, null, d.Namespace));
        if (!a.BridgeExists)
            ops.Add(new(ReconcileOperationKind.CreateBridge, id, null, d.Bridge));
        var links = a.NamespaceExists ? a.Links : new Dictionary<string, IReadOnlyList<InterfaceAddress>>();
        if (!links.ContainsKey(d.GatewayLink))
            ops.Add(new(ReconcileOperationKind.CreateGatewayLink, id, d.GatewayLink));
        if (!links.ContainsKey(Naming.InterfaceNames.Public))
            ops.Add(new(ReconcileOperationKind.CreatePublicLink, id, Naming.InterfaceNames.Public));
        var wgPresent = links.ContainsKey(d.WireGuardLink) && a.WireGuardUnderlayCurrent;
        if (!wgPresent)
            ops.Add(new(ReconcileOperationKind.CreateWireGuard, id, d.WireGuardLink));

        foreach (var (link, want) in d.Addresses)
        {
            // A link about to be (re)created has no address yet.
            var freshLink = !links.TryGetValue(link, out var have) || (link == d.WireGuardLink && !wgPresent);
            have = freshLink ? [] : have!;
            foreach (var extra in have.Where(h => !want.Contains(h) && !IsAutoLinkLocal(h)))
                ops.Add(new(ReconcileOperationKind.RemoveAddress, id, link, extra.ToString()));
            foreach (var missing in want.Where(w => !have.Contains(w)))
                ops.Add(new(ReconcileOperationKind.AddAddress, id, link, missing.ToString()));
        }

        var routes = a.NamespaceExists && wgPresent ? a.Routes : a.Routes.Where(r => r.Device != d.WireGuardLink).ToList();
        foreach (var route in d.Routes.Where(r => !routes.Contains(r)))
            ops.Add(new(ReconcileOperationKind.AddRoute, id, route.Device, route.ToString()));

        if (!wgPresent || a.WireGuardPrivateKey != d.PrivateKey || a.WireGuardListenPort != d.ListenPort)
            ops.Add(new(ReconcileOperationKind.ConfigureWireGuard, id, d.WireGuardLink, d.ListenPort.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (!wgPresent || !SamePeers(d.Peers, a.WireGuardPeers))
            ops.Add(new(ReconcileOperationKind.SetPeers, id, d.WireGuardLink, d.Peers.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (!a.NamespaceExists || !a.FirewallCurrent)
            ops.Add(new(ReconcileOperationKind.ApplyFirewall, id, null, d.Namespace));
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
