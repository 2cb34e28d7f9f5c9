using System.Diagnostics;
using Xunit;
using Zos.Core.Nftables;
using Zos.Linux.Nftables;
using Zos.Linux.Processes;
using Zos.Linux.Tests.Processes;
using Zos.Testing;

namespace Zos.Linux.Tests.Nftables;

public class NftApplierTests
{
    private readonly NftApplier _nft = new();

    [Fact]
    public async Task ApplyAsync_Twice_ReplacesOurTableAndLeavesOthersAlone()
    {
        Require.Privileged("ip", "nft");
        var ct = TestContext.Current.CancellationToken;
        using var ns = TestNetns.Create("nf");
        ns.Exec("nft", "add table inet other; add chain inet other keep { type filter hook input priority 10; policy accept; }").EnsureSuccess("foreign table");
        var rootBefore = Sh.Run("nft", "list", "ruleset").StdOut;

        var first = ZosRulesets.HostFirewall();
        await _nft.ApplyAndVerifyAsync(ns.Name, first, ct);
        var second = ZosRulesets.HostFirewall(new HostFirewallOptions { AllowIcmpEcho = false });
        await _nft.ApplyAndVerifyAsync(ns.Name, second, ct);

        var live = await _nft.ReadAsync(ns.Name, ct);
        // The second apply replaced the table (fewer input rules), it did not append.
        Assert.Equal(second.Tables[0].Chains[0].Rules.Count, live.Table(NftFamily.Inet, "zos-host")!.Chain("input")!.Rules.Count);
        Assert.NotEqual(first.Tables[0].Chains[0].Rules.Count, second.Tables[0].Chains[0].Rules.Count);
        Assert.NotNull(live.Table(NftFamily.Inet, "other")?.Chain("keep"));
        // Independent observer: nft's own text output.
        var text = ns.Exec("nft", "list", "table", "inet", "zos-host").EnsureSuccess("list").StdOut;
        Assert.DoesNotContain("echo-request", text, StringComparison.Ordinal);
        Assert.Equal(rootBefore, Sh.Run("nft", "list", "ruleset").StdOut);
    }

    [Fact]
    public async Task ApplyAsync_RefusedByKernel_ChangesNothing()
    {
        Require.Privileged("ip", "nft");
        var ct = TestContext.Current.CancellationToken;
        using var ns = TestNetns.Create("nf");
        var good = ZosRulesets.NetworkResource();
        await _nft.ApplyAndVerifyAsync(ns.Name, good, ct);
        // masquerade in a filter chain passes our model but the kernel refuses it: the whole transaction must fail.
        var bad = new NftRuleset([
            new NftTable(NftFamily.Inet, "zos-filter", [new NftChain("input", new NftBaseChain(NftChainType.Filter, NftHook.Input, 0, NftPolicy.Accept), [])]),
            new NftTable(NftFamily.Inet, "zos-nat", [new NftChain("input", new NftBaseChain(NftChainType.Filter, NftHook.Input, 0, NftPolicy.Accept),
                [new NftRule(new NftMasquerade())])]),
        ]);
        var e = await Assert.ThrowsAsync<HelperProcessException>(() => _nft.ApplyAsync(ns.Name, bad, ct));
        Assert.StartsWith($"apply nftables tables [inet zos-filter, inet zos-nat]: 'nft' in network namespace '{ns.Name}' exited with code 1: ", e.Message, StringComparison.Ordinal);
        Assert.Empty(await _nft.VerifyAsync(ns.Name, good, ct));
    }

    [Fact]
    public async Task ApplyAsync_ObsoleteTable_IsRemoved()
    {
        Require.Privileged("ip", "nft");
        var ct = TestContext.Current.CancellationToken;
        using var ns = TestNetns.Create("nf");
        await _nft.ApplyAndVerifyAsync(ns.Name, ZosRulesets.Ndmz(), ct);
        var onlyFilter = new NftRuleset([ZosRulesets.Ndmz().Tables[1]]) { Obsolete = [(NftFamily.Inet, ZosRulesets.NatTableName), (NftFamily.Ip, "zos-never")] };
        await _nft.ApplyAndVerifyAsync(ns.Name, onlyFilter, ct);
        var live = await _nft.ReadAsync(ns.Name, ct);
        Assert.Equal(["inet zos-filter"], live.Tables.Select(t => $"{t.Family} {t.Name}"));
    }

    [Fact]
    public async Task HostFirewall_InNamespace_PingPassesNewTcpDroppedOutboundWorks()
    {
        Require.Privileged("ip", "nft", "nc", "ping");
        var ct = TestContext.Current.CancellationToken;
        using var lan = TestNetns.Create("lan");
        using var node = TestNetns.Create("node");
        TestNetns.Veth(node, "nic0", lan, "sw0");
        node.Ip("addr", "add", "10.98.0.50/24", "dev", "nic0");
        lan.Ip("addr", "add", "10.98.0.1/24", "dev", "sw0");
        await using var listener = HelperProcess.Start(new HelperLaunch("nc", ["-l", "-k", "10.98.0.50", "8080"], node.Name));
        await using var outside = HelperProcess.Start(new HelperLaunch("nc", ["-l", "-k", "10.98.0.1", "9090"], lan.Name));
        await Task.Delay(200, ct);
        Assert.Equal(0, lan.Exec("nc", "-z", "-w", "2", "10.98.0.50", "8080").ExitCode);

        await _nft.ApplyAndVerifyAsync(node.Name, ZosRulesets.HostFirewall(), ct);

        Assert.Equal(0, lan.Exec("ping", "-c", "2", "-W", "1", "-i", "0.2", "10.98.0.50").ExitCode);
        var sw = Stopwatch.StartNew();
        Assert.NotEqual(0, lan.Exec("nc", "-z", "-w", "1", "10.98.0.50", "8080").ExitCode);
        // Dropped, not reset: the connect only gives up at its timeout.
        Assert.True(sw.ElapsedMilliseconds >= 900, $"TCP failed after {sw.ElapsedMilliseconds} ms: that is a reset, not a drop");
        Assert.Equal(0, node.Exec("nc", "-z", "-w", "2", "10.98.0.1", "9090").ExitCode);
        // The node reaching its own address goes through lo, which the firewall accepts.
        Assert.Equal(0, node.Exec("nc", "-z", "-w", "2", "10.98.0.50", "8080").ExitCode);
        var dropped = (await _nft.ReadAsync(node.Name, ct)).Table(NftFamily.Inet, "zos-host")!.Chain("input")!.Rules.Single(r => r.Comment == "dropped by policy");
        Assert.True(dropped.Packets > 0, "the policy-drop counter saw no packets");
    }

    [Fact]
    public async Task NetworkResource_Forwarding_MasqueradesRefusesSmtpAndDropsNewFromPublic()
    {
        Require.Privileged("ip", "nft", "nc");
        var ct = TestContext.Current.CancellationToken;
        using var vm = TestNetns.Create("vm");
        using var nr = TestNetns.Create("nr");
        using var up = TestNetns.Create("up");
        TestNetns.Veth(vm, "eth0", nr, "n-test");
        TestNetns.Veth(nr, "public", up, "tonrs");
        vm.Ip("addr", "add", "10.20.3.2/24", "dev", "eth0");
        vm.Ip("route", "add", "default", "via", "10.20.3.1");
        nr.Ip("addr", "add", "10.20.3.1/24", "dev", "n-test");
        nr.Ip("addr", "add", "100.127.0.7/16", "dev", "public");
        up.Ip("addr", "add", "100.127.0.1/16", "dev", "tonrs");
        nr.Exec("sysctl", "-qw", "net.ipv4.ip_forward=1").EnsureSuccess("ip_forward");
        // "up" has no route to 10.20.3.0/24: a reply can only come back if the NR masquerades.
        await using var web = HelperProcess.Start(new HelperLaunch("nc", ["-l", "-k", "100.127.0.1", "80"], up.Name));
        await using var smtp = HelperProcess.Start(new HelperLaunch("nc", ["-l", "-k", "100.127.0.1", "25"], up.Name));
        await using var inside = HelperProcess.Start(new HelperLaunch("nc", ["-l", "-k", "10.20.3.2", "22"], vm.Name));
        up.Ip("route", "add", "10.20.3.0/24", "via", "100.127.0.7");
        await Task.Delay(200, ct);
        Assert.Equal(0, up.Exec("nc", "-z", "-w", "2", "10.20.3.2", "22").ExitCode);
        up.Ip("route", "del", "10.20.3.0/24");

        await _nft.ApplyAndVerifyAsync(nr.Name, ZosRulesets.NetworkResource(), ct);

        Assert.Equal(0, vm.Exec("nc", "-z", "-w", "2", "100.127.0.1", "80").ExitCode);
        var sw = Stopwatch.StartNew();
        Assert.NotEqual(0, vm.Exec("nc", "-z", "-w", "3", "100.127.0.1", "25").ExitCode);
        // Refused at once with admin-prohibited, not left to time out.
        Assert.True(sw.ElapsedMilliseconds < 2500, $"SMTP took {sw.ElapsedMilliseconds} ms to fail: it was dropped, not rejected");
        // Nothing new enters from the public side, even with a route to the user network.
        up.Ip("route", "add", "10.20.3.0/24", "via", "100.127.0.7");
        Assert.NotEqual(0, up.Exec("nc", "-z", "-w", "1", "10.20.3.2", "22").ExitCode);
        var forward = (await _nft.ReadAsync(nr.Name, ct)).Table(NftFamily.Inet, ZosRulesets.FilterTableName)!.Chain("forward")!;
        Assert.True(forward.Rules[^1].Packets > 0, "the drop-from-public counter saw nothing");
    }

    [Fact]
    public async Task ApplyAsync_BridgeArpIpAndIp6Families_KernelAcceptsRenderedSyntax()
    {
        Require.Privileged("ip", "nft");
        var ct = TestContext.Current.CancellationToken;
        using var ns = TestNetns.Create("nf");
        // reject in the bridge family needs nft_reject_bridge, which this kernel lacks ("No such file or directory"): drop there.
        var smtp = new NftRule([NftInterfaceMatch.In("b-*"), NftPortMatch.TcpDport(25)], [NftCounter.Instance, NftVerdict.Drop], "no SMTP");
        var ruleset = new NftRuleset(
        [
            new NftTable(NftFamily.Bridge, "zos-br", [new NftChain("forward", new NftBaseChain(NftChainType.Filter, NftHook.Forward, -200, NftPolicy.Accept), [smtp])]),
            new NftTable(NftFamily.Arp, "zos-arp", [new NftChain("input", new NftBaseChain(NftChainType.Filter, NftHook.Input, 0, NftPolicy.Accept), [new NftRule(NftCounter.Instance)])]),
            new NftTable(NftFamily.Ip, "zos-v4", [new NftChain("input", new NftBaseChain(NftChainType.Filter, NftHook.Input, 0, NftPolicy.Accept),
                [new NftRule(new NftReject(NftRejectKind.PortUnreachable), NftAddressMatch.Source(System.Net.IPNetwork.Parse("192.0.2.0/24")))])]),
            new NftTable(NftFamily.Ip6, "zos-v6", [new NftChain("input", new NftBaseChain(NftChainType.Filter, NftHook.Input, 0, NftPolicy.Accept),
                [new NftRule(new NftReject(NftRejectKind.HostUnreachable), NftAddressMatch.Source(System.Net.IPNetwork.Parse("2001:db8::/32")))])]),
        ]);
        await _nft.ApplyAndVerifyAsync(ns.Name, ruleset, ct);
        var live = await _nft.ReadAsync(ns.Name, ct);
        Assert.Equal(["bridge zos-br", "arp zos-arp", "ip zos-v4", "ip6 zos-v6"], live.Tables.Select(t => $"{t.Family} {t.Name}"));
        Assert.Equal("no SMTP", live.Table(NftFamily.Bridge, "zos-br")!.Chain("forward")!.Rules.Single().Comment);
    }
}
