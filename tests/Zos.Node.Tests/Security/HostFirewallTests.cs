using Xunit;
using Zos.Core.Nftables;
using Zos.Core.Reconcile;
using Zos.Linux.Nftables;
using Zos.Node.Tests.Farm;
using Zos.Testing;
using Zos.Testing.Farm;

namespace Zos.Node.Tests.Security;

/// <summary>The host firewall applied by the network manager in the node's host namespace (reference §5).</summary>
public sealed class HostFirewallTests
{
    private static readonly WireGuardPorts NoNetworks = WireGuardPorts.None;

    [Fact]
    public async Task EnsureHostFirewall_ListenerInNodeNamespace_UnreachableFromFarmWhilePingAnsweredAndOtherTablesKept()
    {
        Require.Privileged("ip", "nft", "nc", "ping");
        await using var node = SecuredNode.Create();
        var ct = TestContext.Current.CancellationToken;
        using var listener = NamespaceListener.Listen(node.Farm.Node, 7777);
        node.Farm.InNs(node.Farm.Node, "nft", "add", "table", "inet", "zt-other");
        // Control: before the firewall the stray listener answers from the farm's router.
        Assert.True(SecuredNode.Connects(node.Farm.Router, SecuredNode.Zos4, 7777));

        await node.Kernel.EnsureHostFirewallAsync(NoNetworks, ct);

        Assert.False(SecuredNode.Connects(node.Farm.Router, SecuredNode.Zos4, 7777));
        Assert.False(SecuredNode.Connects(node.Farm.Router, SecuredNode.Zos6, 7777));
        Assert.True(SecuredNode.PingsWithin(5, node.Farm.Router, SecuredNode.Zos4));
        Assert.True(SecuredNode.PingsWithin(5, node.Farm.Router, SecuredNode.Zos6, "-6"));
        // The node's own outgoing traffic still works (replies come back as established).
        Assert.True(SecuredNode.PingsWithin(5, node.Farm.Node, TestFarm.InternetAddress4));
        var live = await new NftApplier().ReadAsync(node.Farm.Node, ct);
        Assert.NotNull(live.Table(NftFamily.Inet, "zt-other"));
        Assert.Empty(NftVerifier.Differences(ZosRulesets.HostFirewall(node.Kernel.HostFirewallOptions(NoNetworks)), live));
    }

    [Fact]
    public async Task EnsureHostFirewall_EchoSettingOff_PingUnanswered()
    {
        Require.Privileged("ip", "nft", "ping");
        await using var node = SecuredNode.Create(allowIcmpEcho: false);
        Assert.True(SecuredNode.PingsWithin(5, node.Farm.Router, SecuredNode.Zos4));

        await node.Kernel.EnsureHostFirewallAsync(NoNetworks, TestContext.Current.CancellationToken);

        Assert.False(SecuredNode.Pings(node.Farm.Router, SecuredNode.Zos4));
        Assert.False(SecuredNode.Pings(node.Farm.Router, SecuredNode.Zos6, "-6"));
        // Neighbour discovery still works: the node itself reaches its router over IPv6.
        Assert.True(SecuredNode.PingsWithin(5, node.Farm.Node, SecuredNode.Router6, "-6"));
    }

    [Fact]
    public async Task EnsureHostFirewall_RefusedRuleset_LeavesPreviousRulesetInPlace()
    {
        Require.Privileged("ip", "nft");
        await using var node = SecuredNode.Create();
        var ct = TestContext.Current.CancellationToken;
        await node.Kernel.EnsureHostFirewallAsync(NoNetworks, ct);
        var before = node.Farm.InNs(node.Farm.Node, "nft", "list", "table", "inet", "zos-host").StdOut;
        var nft = new NftApplier();
        // A transaction that replaces our table and then fails (a jump to a missing chain in another table) is refused whole.
        var broken = new NftRuleset([ZosRulesets.HostFirewall(node.Kernel.HostFirewallOptions(NoNetworks)).Tables[0],
            new NftTable(NftFamily.Inet, "zt-broken", [new NftChain("c", new NftBaseChain(NftChainType.Nat, NftHook.Forward, 0, NftPolicy.Accept), [])])]);

        await Assert.ThrowsAnyAsync<Exception>(() => nft.ApplyAsync(node.Farm.Node, broken, ct));

        Assert.Equal(before, node.Farm.InNs(node.Farm.Node, "nft", "list", "table", "inet", "zos-host").StdOut);
        Assert.Null((await nft.ReadAsync(node.Farm.Node, ct)).Table(NftFamily.Inet, "zt-broken"));
    }
}
