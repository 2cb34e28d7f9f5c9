using System.Net;
using Zos.Core.Naming;
using Zos.Core.Primitives;
using Zos.Core.Reconcile;
using Zos.Linux.Netlink;
using Zos.Linux.Nftables;

namespace Zos.Node.Network;

/// <summary>
/// The node's nftables rulesets, each applied as one atomic <c>nft -f</c> transaction into its namespace: the host
/// firewall (self-protection, user-network NAT and isolation), ndmz (routing only, nothing new in from the host side)
/// and each network resource (reference §4.8 plus source checks). Remembers what this process applied, so that a pass
/// with nothing to do spawns no nft and a restarted daemon applies everything once again.
/// </summary>
internal sealed class NetworkFirewalls(NetworkKernelOptions options)
{
    private readonly NftApplier _nft = new();
    private readonly HashSet<string> _resources = new(StringComparer.Ordinal);
    private HostFirewallOptions? _host;

    /// <summary>True once this process applied the ndmz ruleset.</summary>
    public bool NdmzApplied { get; private set; }

    public bool IsApplied(string netId) => _resources.Contains(netId);

    public void Forget(string netId) => _resources.Remove(netId);

    /// <summary>The host ruleset for the given open WireGuard ports and the uplink's current prefixes.</summary>
    public HostFirewallOptions HostOptions(IReadOnlyList<ushort> wireGuardPorts)
    {
        IReadOnlyList<InterfaceAddress> uplink;
        using (var nl = options.HostNamespace is null ? RouteNetlink.Open() : RouteNetlink.Open(options.HostNamespace))
        {
            uplink = nl.FindLink(options.Uplink) is null
                ? []
                : [.. nl.GetAddresses(options.Uplink).Select(a => new InterfaceAddress(a.Address, a.PrefixLength))];
        }
        return new HostFirewallOptions
        {
            AllowIcmpEcho = options.AllowIcmpEcho,
            OpenUdpPorts = wireGuardPorts,
            NdmzLink = NdmzUplink.HostLink,
            Uplink = options.Uplink,
            ManagementPrefixes = NdmzUplink.ManagementPrefixes(uplink),
            UserNetworkSources = NdmzUplink.UserNetworkSources,
        };
    }

    /// <summary>Applies the host ruleset unless the same one is already in place (verified by reading it back).</summary>
    public async Task ApplyHostAsync(IReadOnlyList<ushort> wireGuardPorts, CancellationToken ct)
    {
        var wanted = HostOptions(wireGuardPorts);
        if (_host is { } last && SameHost(last, wanted))
            return;
        await _nft.ApplyAndVerifyAsync(options.HostNamespace, ZosRulesets.HostFirewall(wanted), ct).ConfigureAwait(false);
        _host = wanted;
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
        await _nft.ApplyAndVerifyAsync(options.NdmzNamespace, ruleset, ct).ConfigureAwait(false);
        NdmzApplied = true;
    }

    public async Task ApplyResourceAsync(DesiredResource d, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(d);
        await _nft.ApplyAsync(d.Namespace, ZosRulesets.NetworkResource(ResourceOptions(d)), ct).ConfigureAwait(false);
        _resources.Add(d.NetId.Value);
    }

    /// <summary>The resource's ruleset settings: workloads on its gateway link may use only its /24 and its ULA /64.</summary>
    public static NetworkResourceFirewallOptions ResourceOptions(DesiredResource d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new NetworkResourceFirewallOptions
        {
            PublicInterface = InterfaceNames.Public,
            WorkloadLink = d.GatewayLink,
            WorkloadPrefixes = [d.Subnet, IpMath.NetworkOf(d.Gateway6, UlaAddress.PrefixLength)],
        };
    }

    private static bool SameHost(HostFirewallOptions a, HostFirewallOptions b) =>
        a.AllowIcmpEcho == b.AllowIcmpEcho && a.Uplink == b.Uplink && a.NdmzLink == b.NdmzLink
        && a.OpenUdpPorts.SequenceEqual(b.OpenUdpPorts) && a.ManagementPrefixes.SequenceEqual(b.ManagementPrefixes);
}
