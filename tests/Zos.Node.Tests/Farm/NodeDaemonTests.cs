using System.Text.Json;
using Xunit;
using Zos.Core.Bringup;
using Zos.Core.Contracts;
using Zos.Testing;
using Zos.Testing.Farm;

namespace Zos.Node.Tests.Farm;

/// <summary>The real daemon in a farm made of namespaces, registering with the real registry (privileged).</summary>
public class NodeDaemonTests
{
    private static string Config() => OneLanDaemon.Config();

    private static string Cmdline(FarmRegistry registry) => OneLanDaemon.Cmdline(registry);

    private static void RequireTools() => Require.Privileged("ip", "dnsmasq", "radvd", "busybox", "nft", "unshare", "ss");

    [Fact]
    public async Task Run_FourNics_ChoosesDhcpNicExplainsOthersAndRegisters()
    {
        RequireTools();
        using var farm = TestFarm.Create();
        var dhcpLan = farm.AddLan(1);
        var silentLan = farm.AddLan(2, routed: false);
        var v6Lan = farm.AddLan(3, subnet4: null, prefix6: "2001:db8:63::");
        farm.AddNic("eth0", null);
        farm.AddNic("eth1", silentLan);
        farm.AddNic("eth2", dhcpLan);
        farm.AddNic("eth3", v6Lan);
        dhcpLan.StartDhcp();
        v6Lan.StartRadvd();
        await using var registry = await FarmRegistry.StartAsync(farm, farm.NextPort());
        using var daemon = new NodeDaemonProcess(farm, Cmdline(registry), Config());

        daemon.Start();
        var online = await daemon.WaitForStatusAsync(s => s.InternetOk, TimeSpan.FromSeconds(60), "internet OK");
        // Health comes only with heartbeats: the registry verified the node's signed registration, then a signed heartbeat.
        var node = await registry.WaitForNodeAsync(online.NodeId!, n => n.Health is not null, TimeSpan.FromSeconds(15), "a registration and a heartbeat");

        Assert.Equal("eth2", online.ChosenNic);
        var why = online.Nics.ToDictionary(r => r.Nic, r => r.WhyNot);
        Assert.Equal("no carrier", why["eth0"]);
        // eth1 is silent: its DHCP tries end with "no offer" unless the early choice stops them first (it usually does).
        Assert.Contains(why["eth1"], new[] { "no offer", "no answer yet when another NIC was chosen" });
        Assert.Null(why["eth2"]);
        // eth3's router may hold its RA up to 3 s (RFC 4861 §6.2.6) while eth2 already works and the others are cut
        // short: eth3 is then reported as cut short, never as "no offer", which would be false.
        Assert.Contains(why["eth3"], new[] { "IPv6 only; eth2 has IPv4", "no answer yet when another NIC was chosen" });
        var eth2 = JsonDocument.Parse(farm.NodeIp("-j", "link", "show", "eth2")).RootElement[0];
        var zos = JsonDocument.Parse(farm.NodeIp("-j", "link", "show", "zos")).RootElement[0];
        Assert.Equal("zos", eth2.GetProperty("master").GetString());
        Assert.Equal(eth2.GetProperty("address").GetString(), zos.GetProperty("address").GetString());
        Assert.Matches(@"inet 10\.61\.0\.\d+/24", farm.NodeIp("addr", "show", "dev", "zos"));
        Assert.Equal(registry.FarmId, node.FarmId);
        var zosInterface = Assert.Single(node.Interfaces, i => i.Name == "zos");
        Assert.Equal(zos.GetProperty("address").GetString(), zosInterface.Mac);
        Assert.Contains(zosInterface.Addresses, a => a.StartsWith("10.61.0.", StringComparison.Ordinal) && a.EndsWith("/24", StringComparison.Ordinal));
        Assert.Contains(node.Interfaces, i => i.Name == "eth0");
        Assert.True(node.Health!.Ipv4Internet);
        Assert.Equal(NodeStatus.Up, node.Status);
        // The node listens on nothing (udhcpc uses a packet socket).
        Assert.Equal("", Sh.Run("ip", "netns", "exec", farm.Node, "ss", "-H", "-ltun").StdOut.Trim());
        // And the host firewall is on from the start, before any user network exists.
        await WaitUntilAsync(() => Sh.Run("ip", "netns", "exec", farm.Node, "nft", "list", "chain", "inet", "zos-host", "input").StdOut.Contains("policy drop", StringComparison.Ordinal),
            TimeSpan.FromSeconds(15), "the host firewall in the node namespace", () => daemon.Log);
        // The status command prints the same table.
        Assert.Contains("no carrier", BringupStatusText.Render(online), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("192.0.2", "10.62.0", "eth1")]
    [InlineData("10.61.0", "10.62.0", "eth0")]
    public async Task Run_TwoDhcpNics_PrivateGatewayThenSmallestAddressWins(string subnetA, string subnetB, string expected)
    {
        RequireTools();
        using var farm = TestFarm.Create();
        var a = farm.AddLan(1, subnet4: subnetA);
        var b = farm.AddLan(2, subnet4: subnetB);
        farm.AddNic("eth0", a);
        farm.AddNic("eth1", b);
        a.StartDhcp();
        b.StartDhcp();
        await using var registry = await FarmRegistry.StartAsync(farm, farm.NextPort());
        using var daemon = new NodeDaemonProcess(farm, Cmdline(registry), Config());

        daemon.Start();
        var online = await daemon.WaitForStatusAsync(s => s.InternetOk, TimeSpan.FromSeconds(60), "internet OK");

        Assert.Equal(expected, online.ChosenNic);
    }

    [Fact]
    public async Task Run_PinnedManagementMac_WinsOverSmallerAddress()
    {
        RequireTools();
        using var farm = TestFarm.Create();
        var a = farm.AddLan(1);
        var b = farm.AddLan(2);
        farm.AddNic("eth0", a);
        farm.AddNic("eth1", b, mac: "02:5a:00:00:02:01");
        a.StartDhcp();
        b.StartDhcp();
        await using var registry = await FarmRegistry.StartAsync(farm, farm.NextPort());
        using var daemon = new NodeDaemonProcess(farm, OneLanDaemon.Cmdline(registry, extra: " zos-mgmt-mac=02:5a:00:00:02:01"), Config());

        daemon.Start();
        var online = await daemon.WaitForStatusAsync(s => s.InternetOk, TimeSpan.FromSeconds(60), "internet OK");

        // Without the pin eth0 (10.61.0.x) would win on the smaller address.
        Assert.Equal("eth1", online.ChosenNic);
        // eth0 is either heard and set aside for the pin, or not waited for at all once the pinned NIC answered.
        Assert.Contains(online.Nics.Single(r => r.Nic == "eth0").WhyNot, new[] { "management NIC pinned to 02:5a:00:00:02:01", "no answer yet when another NIC was chosen" });
        Assert.Matches(@"inet 10\.62\.0\.\d+/24", farm.NodeIp("addr", "show", "dev", "zos"));
    }

    [Fact]
    public async Task Run_OfferWithTwoRouters_NicUsedThroughTheFirst()
    {
        RequireTools();
        await using var node = await OneLanDaemon.CreateAsync(routers: ["10.61.0.1", "10.61.0.254"]);

        node.Daemon.Start();
        var online = await node.Daemon.WaitForStatusAsync(s => s.InternetOk, TimeSpan.FromSeconds(60), "internet OK");

        // The original drops a NIC whose offer lists several routers (zos-networking.md §8.3).
        Assert.Equal("eth0", online.ChosenNic);
        Assert.Equal("10.61.0.1,10.61.0.254", online.Nics.Single().Gateway);
        Assert.Contains("default via 10.61.0.1 dev zos", node.Farm.NodeIp("-4", "route", "show", "default"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_HalfDoneSetup_RepairedNotTornDown()
    {
        RequireTools();
        // What a daemon killed half-way leaves: zos with eth0 enslaved, but the bridge down, a foreign MAC, no address.
        await using var node = await OneLanDaemon.CreateAsync(arrange: farm =>
        {
            farm.NodeIp("link", "add", "zos", "address", "02:5a:00:00:00:99", "type", "bridge");
            farm.NodeIp("link", "set", "eth0", "master", "zos");
        });
        var zosBefore = node.Link("zos").GetProperty("ifindex").GetInt32();

        node.Daemon.Start();
        var online = await node.Daemon.WaitForStatusAsync(s => s.InternetOk, TimeSpan.FromSeconds(60), "internet OK");

        var zos = node.Link("zos");
        var eth0 = node.Link("eth0");
        Assert.Equal(zosBefore, zos.GetProperty("ifindex").GetInt32());
        Assert.Equal(eth0.GetProperty("address").GetString(), zos.GetProperty("address").GetString());
        Assert.Equal("zos", eth0.GetProperty("master").GetString());
        Assert.Contains("half", node.Daemon.Log, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("eth0", online.ChosenNic);
        Assert.False(online.KeptExistingSetup);
        Assert.Matches(@"inet 10\.61\.0\.\d+/24", node.Farm.NodeIp("addr", "show", "dev", "zos"));
    }

    [Fact]
    public async Task Run_Ipv6OnlyLan_ComesUpOverIpv6()
    {
        RequireTools();
        using var farm = TestFarm.Create();
        var lan = farm.AddLan(3, subnet4: null, prefix6: "2001:db8:63::");
        farm.AddNic("eth0", lan);
        lan.StartRadvd();
        await using var registry = await FarmRegistry.StartAsync(farm, farm.NextPort());
        var cmdline = $"{registry.FarmArguments} zos-registry=http://[{TestFarm.InternetAddress6}]:{registry.Port} zos-probe=[{TestFarm.InternetAddress6}]:9\n";
        using var daemon = new NodeDaemonProcess(farm, cmdline, Config());

        daemon.Start();
        var online = await daemon.WaitForStatusAsync(s => s.InternetOk, TimeSpan.FromSeconds(40), "internet OK over IPv6");
        var node = await registry.WaitForNodeAsync(online.NodeId!, n => n.Health is not null, TimeSpan.FromSeconds(15), "a registration and a heartbeat over IPv6");

        Assert.Equal(AddressFamilyChoice.Ipv6Only, online.Family);
        Assert.Contains("2001:db8:63:", farm.NodeIp("-6", "addr", "show", "dev", "zos", "scope", "global"), StringComparison.Ordinal);
        Assert.Contains(node.Interfaces.Single(i => i.Name == "zos").Addresses, a => a.StartsWith("2001:db8:63:", StringComparison.Ordinal));
        Assert.True(node.Health!.Ipv6Internet);
    }

    [Fact]
    public async Task Run_DhcpServerStartsLate_NodeUpWithinOneBackoffStep()
    {
        RequireTools();
        await using var node = await OneLanDaemon.CreateAsync(startDhcp: false);

        node.Daemon.Start();
        await Task.Delay(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);
        var waiting = node.Daemon.Status;
        node.Lan.StartDhcp();
        var startedDhcp = DateTimeOffset.UtcNow;
        var online = await node.Daemon.WaitForStatusAsync(s => s.InternetOk, TimeSpan.FromSeconds(60), "internet OK after the server started");

        Assert.NotNull(waiting);
        Assert.False(waiting.InternetOk);
        Assert.Equal(NicSelection.NothingUsable, waiting.LastError);
        // One backoff step: at most the cap (3 s) plus one probe (2 DISCOVER rounds) and the check.
        Assert.InRange((online.InternetOkAt!.Value - startedDhcp).TotalSeconds, 0, 3 + 2 + 2);
    }

    [Fact]
    public async Task Run_KilledAndRestarted_KeepsLeaseBridgeAndIdentity()
    {
        RequireTools();
        await using var node = await OneLanDaemon.CreateAsync(arrange: farm => farm.AddNic("eth1", null));
        node.Daemon.Start();
        var first = await node.Daemon.WaitForStatusAsync(s => s.InternetOk, TimeSpan.FromSeconds(60), "internet OK");
        var zosBefore = node.Link("zos").GetProperty("ifindex").GetInt32();
        var addressBefore = node.ZosAddress4();

        node.Daemon.KillHard();
        using var again = node.NewDaemon();
        again.Start();
        var second = await again.WaitForStatusAsync(s => s.InternetOk && s.UpdatedAt > again.StartedAt, TimeSpan.FromSeconds(60), "internet OK after restart");

        Assert.Equal(zosBefore, node.Link("zos").GetProperty("ifindex").GetInt32());
        Assert.Equal(addressBefore, node.ZosAddress4());
        Assert.True(second.KeptExistingSetup);
        Assert.Equal(first.NodeId, second.NodeId);
        Assert.Equal("eth0", second.ChosenNic);
    }

    [Fact]
    public async Task Run_BadFarmerId_ClearStatusNoCrash()
    {
        RequireTools();
        await using var node = await OneLanDaemon.CreateAsync(farmer: "farmer_id=abc");

        node.Daemon.Start();
        var online = await node.Daemon.WaitForStatusAsync(s => s.InternetOk, TimeSpan.FromSeconds(60), "internet OK despite the bad parameter");

        var problem = Assert.Single(online.ParameterProblems);
        Assert.Contains("farmer_id", problem, StringComparison.Ordinal);
        Assert.Contains("abc", problem, StringComparison.Ordinal);
        Assert.True(online.Orphan);
        Assert.Contains(problem, node.Daemon.Log, StringComparison.Ordinal);
        Assert.False(node.Daemon.HasExited);
        // An orphan still registers, without a farm.
        var view = await node.Registry.WaitForNodeAsync(online.NodeId!, _ => true, TimeSpan.FromSeconds(15), "the orphan's registration");
        Assert.Null(view.FarmId);
    }

    [Fact]
    public async Task Run_NotListedNoToken_PendingSaysSoAndGoesOnOnceApprovedWithoutRestart()
    {
        RequireTools();
        await using var node = await OneLanDaemon.CreateAsync();
        // farmer_id= alone: the MAC is not on the farm's list and there is no zos-farm-token=.
        using var daemon = new NodeDaemonProcess(node.Farm, OneLanDaemon.Cmdline(node.Registry, $"farmer_id={node.Registry.FarmId}"), OneLanDaemon.Config());

        daemon.Start();
        var pending = await daemon.WaitForStatusAsync(s => s.Enrollment is not null, TimeSpan.FromSeconds(60), "the registry's answer that the node waits");
        Assert.False(pending.Registered);
        Assert.StartsWith($"pending: waiting for the farmer of farm {node.Registry.FarmId}", pending.Enrollment, StringComparison.Ordinal);
        Assert.Contains("pending: waiting for the farmer", BringupStatusText.Render(pending), StringComparison.Ordinal);
        Assert.Contains($"not part of farm {node.Registry.FarmId} yet: pending", daemon.Log, StringComparison.Ordinal);
        // Heartbeats go on while it waits (the farmer sees it alive), and it is not in the farm.
        var waiting = await node.Registry.WaitForNodeAsync(pending.NodeId!, n => n.Health is not null, TimeSpan.FromSeconds(15), "a heartbeat while pending");
        Assert.Equal((null, EnrollmentState.Pending), (waiting.FarmId, waiting.Enrollment?.State));

        await node.Registry.ApproveAsync(pending.NodeId!);
        var approved = await daemon.WaitForStatusAsync(s => s.Registered, TimeSpan.FromSeconds(30), "registered once approved (backoff at most 3 s)");
        Assert.Null(approved.Enrollment);
        Assert.Contains($"farm {node.Registry.FarmId} let this node in", daemon.Log, StringComparison.Ordinal);
        Assert.False(daemon.HasExited);
        Assert.Equal(node.Registry.FarmId, (await node.Registry.NodeAsync(pending.NodeId!))!.FarmId);
    }

    [Fact]
    public async Task Run_VolatileState_SaysSoOnceAndRegistersWithIdentityVolatile()
    {
        RequireTools();
        await using var node = await OneLanDaemon.CreateAsync();

        node.Daemon.Start("--volatile-state");
        var registered = await node.Daemon.WaitForStatusAsync(s => s.Registered, TimeSpan.FromSeconds(60), "registered");
        var view = await node.Registry.WaitForNodeAsync(registered.NodeId!, _ => true, TimeSpan.FromSeconds(15), "the registration");

        Assert.True(view.IdentityVolatile);
        Assert.Equal(1, node.Daemon.Log.Split(NodeDaemon.VolatileStateNotice).Length - 1);
        Assert.Contains("(zos-registry= on the command line)", node.Daemon.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ZosAddressChanges_ReRegisteredWithinSeconds()
    {
        RequireTools();
        await using var node = await OneLanDaemon.CreateAsync(heartbeatSeconds: 60);
        node.Daemon.Start();
        var registered = await node.Daemon.WaitForStatusAsync(s => s.Registered, TimeSpan.FromSeconds(60), "registered");
        var before = await node.Registry.NodeAsync(registered.NodeId!);

        node.Farm.NodeIp("addr", "add", "10.61.0.250/24", "dev", "zos");
        var changedAt = DateTimeOffset.UtcNow;
        // Heartbeats are a minute apart here: only the address event can bring the new address to the registry this fast.
        var after = await node.Registry.WaitForNodeAsync(registered.NodeId!, n => n.Interfaces.Any(i => i.Name == "zos" && i.Addresses.Contains("10.61.0.250/24")),
            TimeSpan.FromSeconds(5), "the added zos address");

        Assert.DoesNotContain("10.61.0.250/24", before!.Interfaces.Single(i => i.Name == "zos").Addresses);
        Assert.InRange((DateTimeOffset.UtcNow - changedAt).TotalSeconds, 0, 5);
        Assert.True(after.LastSeen >= before.LastSeen);

        // A refreshed lifetime (what every RA and lease renewal does) is an address event but no change: no new registration.
        await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
        var registrations = CountReRegistrations(node.Daemon.Log);
        Assert.True(registrations >= 1, $"the added address was logged as a re-registration:\n{node.Daemon.Log}");
        node.Farm.NodeIp("addr", "change", "10.61.0.250/24", "dev", "zos", "valid_lft", "3600", "preferred_lft", "3600");
        await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);
        Assert.Equal(registrations, CountReRegistrations(node.Daemon.Log));
    }

    [Fact]
    public async Task Run_RegistryDown_NetworkStaysAndHeartbeatsResumeWhenBack()
    {
        RequireTools();
        await using var node = await OneLanDaemon.CreateAsync();
        node.Daemon.Start();
        var registered = await node.Daemon.WaitForStatusAsync(s => s.Registered, TimeSpan.FromSeconds(60), "registered");
        var address = node.ZosAddress4();

        await node.Registry.StopAsync();
        var failing = await node.Daemon.WaitForStatusAsync(s => s.RegistryError is not null, TimeSpan.FromSeconds(30), "a registry error while it is down");
        await Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken);
        var whileDown = node.Daemon.Status!;
        await node.Registry.RestartAsync();
        var backAt = DateTimeOffset.UtcNow;
        var view = await node.Registry.WaitForNodeAsync(registered.NodeId!, n => n.LastSeen > backAt, TimeSpan.FromSeconds(20), "a heartbeat after the registry came back");

        Assert.True(failing.InternetOk);
        Assert.True(whileDown.InternetOk);
        Assert.Equal(BringupPhase.Online, whileDown.Phase);
        Assert.False(node.Daemon.HasExited);
        Assert.Equal(address, node.ZosAddress4());
        Assert.Equal(NodeStatus.Up, view.Status);
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string what, Func<string> log)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (!condition())
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, $"timed out after {timeout.TotalSeconds:0} s waiting for {what}; daemon log:\n{log()}");
            await Task.Delay(TimeSpan.FromMilliseconds(200), TestContext.Current.CancellationToken);
        }
    }

    private static int CountReRegistrations(string log) =>
        log.Split('\n').Count(l => l.Contains("zos addresses changed: registering again", StringComparison.Ordinal));
}
