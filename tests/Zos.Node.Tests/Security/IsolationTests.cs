using Zos.Node.Network;
using Zos.Node.Tests.Farm;
using Zos.Testing;
using Zos.Testing.Farm;
using Xunit;

namespace Zos.Node.Tests.Security;

/// <summary>
/// Isolation, fail closed: each forbidden path is tried and must be refused, next to an allowed control path from
/// the same workload (so a refusal cannot come from a broken setup).
/// </summary>
public sealed class IsolationTests
{
    [Fact]
    public async Task Workload_ForbiddenPaths_AllRefusedWhileInternetWorks()
    {
        Require.Privileged("ip", "nft", "wireguard-go", "ping", "nc");
        await using var node = SecuredNode.Create();
        var a = node.Part("neta", "10.20.0.0/16", "10.20.3.0/24");
        var b = node.Part("netb", "10.30.0.0/16", "10.30.3.0/24");
        await node.DeployAsync(1, a, b);
        var (wlA, _) = node.Workload("neta", "10.20.3.2");
        var (wlB, addrB) = node.Workload("netb", "10.30.3.2");
        var leaseB = new NodeStateStore(node.StatePath).Load().Find(b.NetId)!.NdmzLease;
        // Listeners on every target a workload could try to open.
        using var onNode = NamespaceListener.Listen(node.Farm.Node, 7001);
        using var onB = NamespaceListener.Listen(wlB, 7002);
        using var onLan = NamespaceListener.Listen(node.Farm.Lan, 7003);
        var internetPort = node.Farm.NextPort();
        using var onInternet = NamespaceListener.Listen(node.Farm.Internet, internetPort);

        // Controls: allowed paths work.
        Assert.True(SecuredNode.PingsWithin(5, wlA, TestFarm.InternetAddress4));
        Assert.True(SecuredNode.Connects(wlA, TestFarm.InternetAddress4, internetPort));
        Assert.True(SecuredNode.PingsWithin(5, wlA, "10.20.3.1"), "own gateway");
        Assert.True(SecuredNode.Connects(node.Farm.Node, "10.61.0.2", 7003), "the node itself reaches the LAN host");

        // Network A's workload cannot reach network B's workload, gateway or lease.
        Assert.False(SecuredNode.Pings(wlA, addrB.Ipv4.Address.ToString()));
        Assert.False(SecuredNode.Connects(wlA, addrB.Ipv4.Address.ToString(), 7002));
        Assert.False(SecuredNode.Pings(wlA, addrB.Ipv6.Address.ToString(), "-6"));
        Assert.False(SecuredNode.Connects(wlA, leaseB, 7002));
        Assert.False(SecuredNode.Pings(wlA, addrB.Gateway4.ToString()));
        // Nor the node's management addresses (v4, v6, the ndmz transit address).
        Assert.False(SecuredNode.Pings(wlA, SecuredNode.Zos4));
        Assert.False(SecuredNode.Connects(wlA, SecuredNode.Zos4, 7001));
        Assert.False(SecuredNode.Pings(wlA, SecuredNode.Zos6, "-6"));
        Assert.False(SecuredNode.Connects(wlA, SecuredNode.Zos6, 7001));
        Assert.False(SecuredNode.Pings(wlA, "169.254.127.1"));
        // Nor the farm's management network (its router and another host on it).
        Assert.False(SecuredNode.Pings(wlA, SecuredNode.Router4));
        Assert.False(SecuredNode.Pings(wlA, SecuredNode.Router6, "-6"));
        Assert.False(SecuredNode.Pings(wlA, SecuredNode.ManagementHost4));
        Assert.False(SecuredNode.Connects(wlA, SecuredNode.ManagementHost4, 7003));
    }

    [Fact]
    public async Task Workload_SpoofingNodeAddress_Dropped()
    {
        Require.Privileged("ip", "nft", "wireguard-go", "ping");
        await using var node = SecuredNode.Create();
        var a = node.Part("spoof", "10.20.0.0/16", "10.20.3.0/24");
        await node.DeployAsync(1, a);
        var (wl, _) = node.Workload("spoof", "10.20.3.2");
        // The workload claims the node's zos addresses as its own sources.
        node.Farm.InNs(wl, "ip", "addr", "add", $"{SecuredNode.Zos4}/32", "dev", "eth0");
        node.Farm.InNs(wl, "ip", "addr", "add", $"{SecuredNode.Zos6}/128", "dev", "eth0", "nodad");
        Assert.True(SecuredNode.PingsWithin(5, wl, TestFarm.InternetAddress4, "-I", "10.20.3.2"), "control: its own source is forwarded");

        Assert.False(SecuredNode.Pings(wl, TestFarm.InternetAddress4, "-I", SecuredNode.Zos4));
        Assert.False(SecuredNode.Pings(wl, TestFarm.InternetAddress6, "-6", "-I", SecuredNode.Zos6));
        Assert.False(SecuredNode.Pings(wl, "10.20.3.1", "-I", SecuredNode.Zos4));
        // The drops are counted by the source-check rules (input for neighbour discovery from a spoofed source, forward for the rest).
        var counters = node.Farm.InNs("n-" + a.NetId, "nft", "list", "table", "inet", "zos-filter").StdOut;
        Assert.True(System.Text.RegularExpressions.Regex.IsMatch(counters, @"counter packets [1-9]\d* bytes \d+ drop comment ""spoofed IPv4 source"""), counters);
        Assert.True(System.Text.RegularExpressions.Regex.IsMatch(counters, @"counter packets [1-9]\d* bytes \d+ drop comment ""spoofed IPv6 source"""), counters);
    }
}
