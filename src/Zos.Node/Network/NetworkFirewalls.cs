using System.Net;
using Zos.Core.Contracts;
using Zos.Core.Naming;
using Zos.Core.Nftables;
using Zos.Core.Primitives;
using Zos.Core.Reconcile;
using Zos.Linux.Nftables;

namespace Zos.Node.Network;

/// <summary>
/// The node's nftables rulesets, each applied as one atomic <c>nft -f</c> transaction into its namespace: the host
/// firewall (self-protection, user-network NAT and isolation), ndmz (routing only, nothing new in from the host side)
/// and each network resource (reference §4.8 plus source checks). Remembers, per namespace, the nftables generation
/// its own transaction produced (<see cref="NftGeneration"/>): while the kernel reports that generation nobody changed
/// the ruleset since, so a pass with nothing to do spawns no nft, and any change behind the daemon's back (a table
/// flushed, a rule added) shows as a new generation and gets the ruleset applied again. A restarted daemon applies
/// everything once.
/// </summary>
internal sealed class NetworkFirewalls(NetworkKernelOptions options, NamespaceWatches watches)
{
    private readonly NftApplier _nft = new();
    // Each generation with the inode of the namespace it was read in: a namespace created again starts a count of its own.
    private readonly Dictionary<string, (ulong Inode, uint Generation)> _resources = new(StringComparer.Ordinal);
    private HostFirewallOptions? _host;
    private (ulong Inode, uint Generation)? _hostGeneration;
    private (ulong Inode, uint Generation)? _ndmzGeneration;
    private PublicFirewallOptions? _public;
    private (ulong Inode, uint Generation)? _publicGeneration;

    /// <summary>
    /// Answer ICMP echo on the node's own and public addresses: <see cref="NetworkKernelOptions.AllowIcmpEcho"/> until
    /// the farm's setting arrives with the desired state (<see cref="DesiredState.AnswerIcmpEcho"/>).
    /// </summary>
    public bool AnswerIcmpEcho { get; set; } = options.AllowIcmpEcho;

    /// <summary>True when this process applied the ndmz ruleset and nothing changed it since.</summary>
    public bool NdmzCurrent => Unchanged(_ndmzGeneration, watches.Find(options.NdmzNamespace));

    /// <summary>True when this process applied the host ruleset with today's echo setting and nothing changed it since.</summary>
    public bool HostCurrent => _host is { } h && h.AllowIcmpEcho == AnswerIcmpEcho && Unchanged(_hostGeneration, watches.Host);

    /// <summary>
    /// True when there is no public namespace, or this process applied its ruleset with today's echo setting and
    /// nothing changed it since.
    /// </summary>
    public bool PublicCurrent => watches.Find(options.PublicNamespace) is not { } watch
        || (_public is { } p && p.AllowIcmpEcho == AnswerIcmpEcho && Unchanged(_publicGeneration, watch));

    /// <summary>True when this process applied the resource's ruleset into <paramref name="watch"/>'s namespace and nothing changed it since.</summary>
    public bool IsCurrent(string netId, NamespaceWatch watch)
    {
        ArgumentNullException.ThrowIfNull(watch);
        return Unchanged(_resources.TryGetValue(netId, out var g) ? g : null, watch);
    }

    private static bool Unchanged((ulong Inode, uint Generation)? applied, NamespaceWatch? watch) =>
        applied is { } a && watch is not null && watch.Inode == a.Inode && watch.Nft.Read() == a.Generation;

    public void Forget(string netId) => _resources.Remove(netId);

    /// <summary>The host ruleset for the given open WireGuard ports and the uplink's current prefixes.</summary>
    public HostFirewallOptions HostOptions(IReadOnlyList<ushort> wireGuardPorts)
    {
        var nl = watches.Host.Netlink;
        IReadOnlyList<InterfaceAddress> uplink = nl.FindLink(options.Uplink) is null
            ? []
            : [.. nl.GetAddresses(options.Uplink).Select(a => new InterfaceAddress(a.Address, a.PrefixLength))];
        return new HostFirewallOptions
        {
            AllowIcmpEcho = AnswerIcmpEcho,
            OpenUdpPorts = wireGuardPorts,
            NdmzLink = NdmzUplink.HostLink,
            Uplink = options.Uplink,
            ManagementPrefixes = NdmzUplink.ManagementPrefixes(uplink),
            UserNetworkSources = NdmzUplink.UserNetworkSources,
        };
    }

    /// <summary>Applies the host ruleset unless the same one is in place, unchanged since this process applied and verified it.</summary>
    public async Task ApplyHostAsync(IReadOnlyList<ushort> wireGuardPorts, CancellationToken ct)
    {
        var wanted = HostOptions(wireGuardPorts);
        if (_host is { } last && SameHost(last, wanted) && HostCurrent)
            return;
        _host = null;
        _hostGeneration = await AppliedGenerationAsync(watches.Host,
            () => _nft.ApplyAndVerifyAsync(options.HostNamespace, ZosRulesets.HostFirewall(wanted), ct)).ConfigureAwait(false);
        _host = wanted;
    }

    /// <summary>
    /// Applies the public namespace's ruleset (WireGuard ports <paramref name="wireGuardPorts"/>, ICMP) when the namespace
    /// exists, unless the same one is in place unchanged since this process applied it.
    /// </summary>
    public async Task ApplyPublicAsync(IReadOnlyList<ushort> wireGuardPorts, CancellationToken ct)
    {
        if (watches.Find(options.PublicNamespace) is not { } watch)
        {
            _public = null;
            return;
        }
        var wanted = new PublicFirewallOptions { AllowIcmpEcho = AnswerIcmpEcho, OpenUdpPorts = wireGuardPorts };
        if (_public is { } last && last.AllowIcmpEcho == wanted.AllowIcmpEcho && last.OpenUdpPorts.SequenceEqual(wanted.OpenUdpPorts)
            && Unchanged(_publicGeneration, watch))
            return;
        _public = null;
        _publicGeneration = await AppliedGenerationAsync(watch,
            () => _nft.ApplyAndVerifyAsync(options.PublicNamespace, ZosRulesets.PublicNamespace(wanted), ct)).ConfigureAwait(false);
        _public = wanted;
    }

    public async Task ApplyNdmzAsync(CancellationToken ct)
    {
        var ruleset = ZosRulesets.Ndmz(new NdmzFirewallOptions
        {
            Uplinks = [NdmzUplink.NdmzLink],
            Masquerade = false,
            // Nothing listens in ndmz (no Yggdrasil/mycelium here): no port is opened from the host side.
            OpenTcpPorts = [],
        });
        _ndmzGeneration = null;
        var watch = watches.Find(options.NdmzNamespace) ?? throw new InvalidOperationException($"namespace '{options.NdmzNamespace}' does not exist");
        _ndmzGeneration = await AppliedGenerationAsync(watch, () => _nft.ApplyAndVerifyAsync(options.NdmzNamespace, ruleset, ct)).ConfigureAwait(false);
    }

    /// <summary>Applies the resource's ruleset into its namespace: workloads on its gateway link may use only <paramref name="workloadPrefixes"/> (its /24 and its ULA /64).</summary>
    public async Task ApplyResourceAsync(NetId netId, IReadOnlyList<IPNetwork> workloadPrefixes, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(workloadPrefixes);
        var id = netId.Value;
        _resources.Remove(id);
        var ns = netId.NamespaceName;
        var watch = watches.Find(ns) ?? throw new InvalidOperationException($"namespace '{ns}' does not exist");
        var options = new NetworkResourceFirewallOptions
        {
            PublicInterface = InterfaceNames.Public,
            WorkloadLink = netId.GatewayLinkName,
            WorkloadPrefixes = workloadPrefixes,
        };
        if (await AppliedGenerationAsync(watch, () => _nft.ApplyAsync(ns, ZosRulesets.NetworkResource(options), ct)).ConfigureAwait(false) is { } g)
            _resources[id] = g;
    }

    /// <summary>
    /// Runs one nft transaction and returns the generation it produced, or null when the generation moved by more than
    /// one (someone else committed meanwhile: what we applied may already be changed, so the next pass applies again).
    /// </summary>
    private static async Task<(ulong Inode, uint Generation)?> AppliedGenerationAsync(NamespaceWatch watch, Func<Task> apply)
    {
        var before = watch.Nft.Read();
        await apply().ConfigureAwait(false);
        var after = watch.Nft.Read();
        // nf_tables_commit: while (++base_seq == 0); the counter skips 0 when it wraps.
        var next = before == uint.MaxValue ? 1u : before + 1;
        return after == next ? (watch.Inode, after) : null;
    }

    private static bool SameHost(HostFirewallOptions a, HostFirewallOptions b) =>
        a.AllowIcmpEcho == b.AllowIcmpEcho && a.Uplink == b.Uplink && a.NdmzLink == b.NdmzLink
        && a.OpenUdpPorts.SequenceEqual(b.OpenUdpPorts) && a.ManagementPrefixes.SequenceEqual(b.ManagementPrefixes);
}
