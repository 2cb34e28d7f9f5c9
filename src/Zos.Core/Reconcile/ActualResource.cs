using Zos.Core.Contracts;
using Zos.Core.Primitives;

namespace Zos.Core.Reconcile;

/// <summary>
/// What the kernel has for one network resource, read back before a pass: whether the namespace and bridge exist,
/// the links inside the namespace with their (non-temporary) addresses, the routes, the WireGuard device's key,
/// port and peers, and whether the namespace's nftables ruleset is the one Zos renders.
/// </summary>
public sealed record ActualResource(string NetId)
{
    public bool NamespaceExists { get; init; }

    public bool BridgeExists { get; init; }

    /// <summary>Links present in the namespace, each with its addresses.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<InterfaceAddress>> Links { get; init; } =
        new Dictionary<string, IReadOnlyList<InterfaceAddress>>(StringComparer.Ordinal);

    /// <summary>Routes of the main table that Zos (or someone else) added: the kernel's own routes for addresses are not listed.</summary>
    public IReadOnlyList<ResourceRoute> Routes { get; init; } = [];

    /// <summary>Base64 private key of w-&lt;netid&gt; (null: no device or no key).</summary>
    public string? WireGuardPrivateKey { get; init; }

    public int WireGuardListenPort { get; init; }

    public IReadOnlyList<PeerSpec> WireGuardPeers { get; init; } = [];

    /// <summary>True when the WireGuard device's underlay socket is in the namespace the node wants now (public or host).</summary>
    public bool WireGuardUnderlayCurrent { get; init; } = true;

    public bool FirewallCurrent { get; init; }
}
