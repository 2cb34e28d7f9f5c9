using System.Globalization;
using Xunit;
using Zos.Core.Contracts;
using Zos.Core.Nftables;
using Zos.Core.Reconcile;
using Zos.Linux.Nftables;
using Zos.Node.Tests.Farm;
using Zos.Testing;

namespace Zos.Node.Tests.Security;

/// <summary>
/// Issue 14, "the public namespace has no ruleset and its addresses are never scanned; farmers cannot choose whether
/// ICMP echo is answered": the network manager's firewall step puts a ruleset into the public namespace (WireGuard
/// ports, ICMP, replies; nothing else), and the farm's echo choice, carried by the desired state, decides whether ping
/// is answered there and on the management address. The public namespace here is made by the test, with a veth to a
/// peer namespace holding documentation addresses.
/// </summary>
public sealed class PublicFirewallTests
{
    private const string Public4 = "203.0.113.10";
    private const string Public6 = "2001:db8:99::10";
    private const string Peer4 = "203.0.113.1";
    private const string Peer6 = "2001:db8:99::1";

    [Fact]
    public async Task PublicNamespace_DropsTcpToAnyPort_AllowsOnlyTheWireGuardPort_NmapFindsNothingOpen()
    {
        Require.Privileged("ip", "nft", "nc", "ping", "nmap");
        await using var node = SecuredNode.Create();
        var ct = TestContext.Current.CancellationToken;
        var (pub, peer) = PublicWithPeer(node);
        var tcpPort = node.Farm.NextPort();
        var wgPort = node.Farm.NextPort();
        var otherUdp = node.Farm.NextPort();
        using var tcp = NamespaceListener.Listen(pub, tcpPort);
        var wgOut = UdpListener(node, pub, wgPort);
        var otherOut = UdpListener(node, pub, otherUdp);
        // Control: without a ruleset the stray TCP listener answers, and a datagram to any port arrives.
        Assert.True(SecuredNode.Connects(peer, Public4, tcpPort));
        Assert.True(UdpArrives(peer, Public4, otherUdp, otherOut, "before"));

        await node.Kernel.EnsureHostFirewallAsync(new WireGuardPorts([wgPort]), ct);

        Assert.False(SecuredNode.Connects(peer, Public4, tcpPort));
        Assert.False(SecuredNode.Connects(peer, Public6, tcpPort));
        Assert.True(UdpArrives(peer, Public4, wgPort, wgOut, "wireguard"));
        Assert.False(UdpArrives(peer, Public4, otherUdp, otherOut, "after"));
        Assert.True(SecuredNode.PingsWithin(5, peer, Public4));
        Assert.True(SecuredNode.PingsWithin(5, peer, Public6, "-6"));
        var live = await new NftApplier().ReadAsync(pub, ct);
        Assert.Empty(NftVerifier.Differences(ZosRulesets.PublicNamespace(new PublicFirewallOptions { OpenUdpPorts = [(ushort)wgPort] }), live));

        var ports = string.Create(CultureInfo.InvariantCulture, $"T:1-1024,{tcpPort},U:53,67,68,123,{otherUdp},{wgPort}");
        foreach (var target in new[] { Public4, Public6 })
        {
            var output = NmapScan.Run(peer, target, ports);
            Assert.Contains("(1 host up)", output, StringComparison.Ordinal);
            Assert.Empty(NmapScan.OpenPorts(output));
            // Dropped, not refused: the stray listeners behind them never answer nmap (a port let through to a
            // connected nc answers "port unreachable", which nmap reports as closed).
            Assert.DoesNotContain(string.Create(CultureInfo.InvariantCulture, $"{tcpPort}/closed/tcp"), output, StringComparison.Ordinal);
            Assert.DoesNotContain(string.Create(CultureInfo.InvariantCulture, $"{otherUdp}/closed/udp"), output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task FarmEchoSetting_ThroughTheDesiredState_DecidesWhetherPingIsAnswered()
    {
        Require.Privileged("ip", "nft", "ping");
        await using var node = SecuredNode.Create();
        var ct = TestContext.Current.CancellationToken;
        var (_, peer) = PublicWithPeer(node);

        await node.Pass.ReconcileAsync(new DesiredState("node", 1, 1, null, [], AnswerIcmpEcho: true), ct);
        Assert.True(SecuredNode.PingsWithin(5, peer, Public4));
        Assert.True(SecuredNode.PingsWithin(5, node.Farm.Router, SecuredNode.Zos4));

        var result = await node.Pass.ReconcileAsync(new DesiredState("node", 2, 1, null, [], AnswerIcmpEcho: false), ct);

        Assert.Null(result.Report.Errors);
        Assert.False(SecuredNode.Pings(peer, Public4));
        Assert.False(SecuredNode.Pings(peer, Public6, "-6"));
        Assert.False(SecuredNode.Pings(node.Farm.Router, SecuredNode.Zos4));
        Assert.False(SecuredNode.Pings(node.Farm.Router, SecuredNode.Zos6, "-6"));
        // Neighbour discovery still works in the public namespace: it reaches its peer over IPv6 (replies come back).
        SecuredNode.In(node.Options.PublicNamespace, "ip", "-6", "neigh", "flush", "all");
        Assert.True(SecuredNode.PingsWithin(5, node.Options.PublicNamespace, Peer6, "-6"));

        await node.Pass.ReconcileAsync(new DesiredState("node", 3, 1, null, [], AnswerIcmpEcho: true), ct);
        Assert.True(SecuredNode.PingsWithin(5, peer, Public4));
        Assert.True(SecuredNode.PingsWithin(5, node.Farm.Router, SecuredNode.Zos4));
    }

    [Fact]
    public async Task PublicRuleset_FlushedBehindTheDaemon_ClosedAgainByTheNextPass()
    {
        Require.Privileged("ip", "nft", "nc");
        await using var node = SecuredNode.Create();
        var ct = TestContext.Current.CancellationToken;
        var (pub, peer) = PublicWithPeer(node);
        var tcpPort = node.Farm.NextPort();
        using var tcp = NamespaceListener.Listen(pub, tcpPort);
        await node.Pass.ReconcileAsync(new DesiredState("node", 1, 1, null, []), ct);
        Assert.False(SecuredNode.Connects(peer, Public4, tcpPort));

        node.Farm.InNs(pub, "nft", "flush", "ruleset").EnsureSuccess("flush the public ruleset");
        Assert.True(SecuredNode.Connects(peer, Public4, tcpPort));
        await node.Pass.ReconcileAsync(new DesiredState("node", 1, 1, null, []), ct);

        Assert.False(SecuredNode.Connects(peer, Public4, tcpPort));
    }

    /// <summary>The node's public namespace (its name from the kernel options) with a veth to a peer namespace, both with documentation addresses.</summary>
    private static (string Public, string Peer) PublicWithPeer(SecuredNode node)
    {
        var pub = node.Options.PublicNamespace;
        var farm = node.Farm;
        farm.Ip("netns", "add", pub);
        farm.Ip("-n", pub, "link", "set", "lo", "up");
        var peer = farm.AddNamespace("pp");
        farm.Ip("-n", pub, "link", "add", "public", "type", "veth", "peer", "name", "uplink", "netns", peer);
        farm.Ip("-n", pub, "addr", "add", $"{Public4}/24", "dev", "public");
        farm.Ip("-n", pub, "addr", "add", $"{Public6}/64", "dev", "public", "nodad");
        farm.Ip("-n", pub, "link", "set", "public", "up");
        farm.Ip("-n", peer, "addr", "add", $"{Peer4}/24", "dev", "uplink");
        farm.Ip("-n", peer, "addr", "add", $"{Peer6}/64", "dev", "uplink", "nodad");
        farm.Ip("-n", peer, "link", "set", "uplink", "up");
        return (pub, peer);
    }

    private static string UdpListener(SecuredNode node, string ns, int port)
    {
        var output = Path.Combine(node.Farm.WorkDir, string.Create(CultureInfo.InvariantCulture, $"udp-{port}.out"));
        node.Farm.Helpers.Start("ip", ["netns", "exec", ns, "nc", "-u", "-l", "-k", port.ToString(CultureInfo.InvariantCulture)], output);
        return output;
    }

    /// <summary>Sends <paramref name="word"/> from <paramref name="from"/> and waits up to 2 s for it in the listener's output.</summary>
    private static bool UdpArrives(string from, string target, int port, string listenerOutput, string word)
    {
        for (var attempt = 0; attempt < 4; attempt++)
        {
            SecuredNode.In(from, "sh", "-c", string.Create(CultureInfo.InvariantCulture, $"echo {word} | nc -u -w 1 -q 0 {target} {port}"));
            if (File.Exists(listenerOutput) && File.ReadAllText(listenerOutput).Contains(word, StringComparison.Ordinal))
                return true;
            Thread.Sleep(500);
        }
        return false;
    }
}
