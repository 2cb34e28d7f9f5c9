using Zos.Core.Contracts;
using Zos.Core.Public;
using Zos.Core.Reconcile;
using Zos.Core.Reconcile.Operations;
using Zos.Core.Validation;
using Zos.Node.Network;
using Zos.Node.Tests.Farm;
using Zos.Node.Tests.Security;
using Zos.Testing;
using Xunit;

namespace Zos.Node.Tests.Public;

/// <summary>
/// br-pub in single-NIC mode and the public namespace set, changed and removed while a network runs, without a
/// reboot; the network's WireGuard socket follows into the right underlay namespace (zos#1759).
/// </summary>
public sealed class PublicNamespaceTests
{
    private static readonly PublicAddressOptions Lab = PublicAddressOptions.Lab;

    [Fact]
    public async Task PublicConfig_SetChangedRemovedWhileNetworkRuns_WireGuardSocketFollows()
    {
        Require.Privileged("ip", "nft", "wireguard-go", "ping", "ss");
        await using var node = SecuredNode.Create();
        var ct = TestContext.Current.CancellationToken;
        // The farm's public subnet is on the same LAN as management (single-NIC farm); the router is its gateway.
        node.Farm.Ip("-n", node.Farm.Router, "addr", "add", "203.0.113.1/24", "dev", node.Lan.RouterLeg);
        node.Farm.Ip("-n", node.Farm.Router, "addr", "add", "2001:db8:62::1/64", "dev", node.Lan.RouterLeg, "nodad");
        node.Farm.Ip("-n", node.Farm.Internet, "route", "add", "203.0.113.0/24", "via", "198.51.100.2");
        var part = node.Part("pubnet", "10.20.0.0/16", "10.20.3.0/24");
        var port = (await node.DeployAsync(1, part)).Report.Networks.Single().ListenPort;
        Assert.True(ListensOn(node.Farm.Node, port), "before any public config the socket is in the host namespace");
        var pub = new PublicNamespaceApplier(node.Options, "node-under-test");
        pub.EnsureBridge(PublicUplinkChoice.SingleNic("test"));

        await pub.ApplyAsync(PublicSetup.From(new PublicConfig(new("203.0.113.10/24", "203.0.113.1"), new("2001:db8:62::10/64", "2001:db8:62::1")), Lab), ct);
        var set = await node.DeployAsync(2, part);

        Assert.Contains(set.Operations, o => o is CreateWireGuard);
        Assert.True(ListensOn(node.Options.PublicNamespace, port), "the socket moved into the public namespace");
        Assert.False(ListensOn(node.Farm.Node, port));
        Assert.True(SecuredNode.PingsWithin(5, node.Farm.Internet, "203.0.113.10"));
        Assert.True(SecuredNode.PingsWithin(5, node.Farm.Internet, "2001:db8:62::10", "-6"));
        Assert.Contains("master br-pub", node.Farm.NodeIp("link", "show", "p-tozos"), StringComparison.Ordinal);
        Assert.Contains("master zos", node.Farm.NodeIp("link", "show", "tozos"), StringComparison.Ordinal);

        await pub.ApplyAsync(PublicSetup.From(new PublicConfig(new("203.0.113.20/24", "203.0.113.1")), Lab), ct);
        var changed = await node.DeployAsync(3, part);

        Assert.DoesNotContain(changed.Operations, o => o is CreateWireGuard);
        Assert.True(ListensOn(node.Options.PublicNamespace, port));
        Assert.True(SecuredNode.PingsWithin(5, node.Farm.Internet, "203.0.113.20"));
        Assert.False(SecuredNode.Pings(node.Farm.Internet, "203.0.113.10"));
        Assert.False(SecuredNode.Pings(node.Farm.Internet, "2001:db8:62::10", "-6"));
        Assert.DoesNotContain("default", node.Farm.InNs(node.Options.PublicNamespace, "ip", "-6", "route").StdOut, StringComparison.Ordinal);

        await pub.ApplyAsync(null, ct);
        var removed = await node.DeployAsync(4, part);

        Assert.DoesNotContain(node.Options.PublicNamespace, Sh.Run("ip", "netns", "list").StdOut, StringComparison.Ordinal);
        Assert.Contains(removed.Operations, o => o is CreateWireGuard);
        Assert.True(ListensOn(node.Farm.Node, port), "without public config the socket is back in the host namespace");
    }

    [Fact]
    public async Task ApplyAsync_GatewayNotAnswering_RefusedAndNothingChanged()
    {
        Require.Privileged("ip", "ping");
        await using var node = SecuredNode.Create();
        node.Farm.Ip("-n", node.Farm.Router, "addr", "add", "203.0.113.1/24", "dev", node.Lan.RouterLeg);
        var pub = new PublicNamespaceApplier(node.Options, "node-under-test");
        pub.EnsureBridge(PublicUplinkChoice.SingleNic("test"));
        var wrong = PublicSetup.From(new PublicConfig(new("203.0.113.30/24", "203.0.113.99")), Lab);

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => pub.ApplyAsync(wrong, TestContext.Current.CancellationToken));

        Assert.Equal("public config refused: publicConfig.gw4: gateway 203.0.113.99 does not answer on br-pub (tried from a test interface with 203.0.113.30/24)", e.Message);
        var namespaces = Sh.Run("ip", "netns", "list").StdOut;
        Assert.DoesNotContain(node.Options.PublicNamespace, namespaces, StringComparison.Ordinal);
        Assert.DoesNotContain("zpchk", namespaces, StringComparison.Ordinal);
    }

    private static bool ListensOn(string ns, int port) =>
        Sh.Run("ip", "netns", "exec", ns, "ss", "-Hulpn", $"sport = :{port}").StdOut.Contains("wireguard-go", StringComparison.Ordinal);
}
