using System.Collections.Frozen;
using Zos.Core.Primitives;
using Zos.Core.Router;
using Zos.Linux.Namespaces;
using Zos.Linux.Netlink;
using Zos.Linux.Nftables;
using Zos.Linux.Sysctl;

namespace Zos.Linux.Router;

/// <summary>Reads what <see cref="RouterConfigChecker"/> compares: links and addresses, routes, forwarding, nftables tables.</summary>
public static class RouterObserver
{
    /// <summary>
    /// Observes <paramref name="networkNamespace"/> (null: the current one). nftables is read (with the nft program)
    /// only when <paramref name="readNftables"/> is set.
    /// </summary>
    public static async Task<RouterObservation> ObserveAsync(string? networkNamespace, bool readNftables, CancellationToken ct)
    {
        RouterObservation observed;
        using (var ns = networkNamespace is null ? NetworkNamespace.OpenCurrent() : NetworkNamespace.Open(networkNamespace))
        {
            using var nl = RouteNetlink.Open(ns);
            var addresses = nl.GetAddresses();
            var links = nl.GetLinks().ToDictionary(
                l => l.Name,
                l => (IReadOnlyList<InterfaceAddress>)[.. addresses.Where(a => a.LinkIndex == l.Index).Select(a => new InterfaceAddress(a.Address, a.PrefixLength))],
                StringComparer.Ordinal);
            observed = new RouterObservation(
                links,
                [.. nl.GetRoutes().Select(r => r.Destination)],
                NamespaceSysctl.Read(ns, "net.ipv4.ip_forward") == "1",
                NamespaceSysctl.Read(ns, "net.ipv6.conf.all.forwarding") == "1",
                null);
        }
        if (!readNftables)
            return observed;
        var live = await new NftApplier().ReadAsync(networkNamespace, ct).ConfigureAwait(false);
        return observed with { NftablesTables = live.Tables.Select(t => t.Name).ToFrozenSet(StringComparer.Ordinal) };
    }
}
