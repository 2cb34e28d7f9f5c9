using Zos.Core.Nftables;
using Zos.Linux.Nftables;

namespace Zos.Node.Linux;

/// <summary>
/// The host firewall of <see cref="ZosRulesets.HostFirewall"/> with the settings known before bring-up: no networks yet
/// (no WireGuard port open, no ndmz link), ICMP echo answered (the default, until the farm's choice arrives with the
/// desired state). It lets in what bring-up needs (DHCPv4/DHCPv6 client replies, ICMPv6 neighbour discovery and router
/// adverts, replies to the node's own connections) and nothing else. The network manager later replaces the same
/// table atomically (<c>nft -f</c>), so there is no moment without it.
/// </summary>
public sealed class NftHostFirewall(string? networkNamespace = null) : IHostFirewall
{
    private readonly NftApplier _nft = new();

    public Task ApplyAsync(CancellationToken ct) =>
        _nft.ApplyAndVerifyAsync(networkNamespace, ZosRulesets.HostFirewall(new HostFirewallOptions()), ct);
}
