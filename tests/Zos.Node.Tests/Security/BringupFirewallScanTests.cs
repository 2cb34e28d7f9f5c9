using System.Globalization;
using Xunit;
using Zos.Node.Linux;
using Zos.Node.Tests.Farm;
using Zos.Testing;
using Zos.Testing.Farm;

namespace Zos.Node.Tests.Security;

/// <summary>
/// Issue 14: the firewall the daemon applies before bring-up (<see cref="NftHostFirewall"/>) is what a node has while
/// it probes: nmap from the farm side and from the internet side finds nothing open on the node's management address
/// while a DHCP client runs on its NIC (the probe), stray listeners notwithstanding, and the DHCP client still gets
/// its lease through it.
/// </summary>
public sealed class BringupFirewallScanTests
{
    private const string Node4 = "10.61.0.50";
    private const string Node6 = "2001:db8:61::50";

    [Fact]
    public async Task BeforeBringup_ScanWhileTheNodeProbes_NothingOpenAndTheLeaseStillComes()
    {
        Require.Privileged("ip", "nft", "nc", "nmap", "busybox", "dnsmasq");
        using var farm = TestFarm.Create();
        var lan = farm.AddLan(1, prefix6: "2001:db8:61::");
        lan.StartDhcp();
        farm.AddNic("eth0", lan);
        var n = farm.Node;
        farm.Ip("-n", n, "link", "set", "eth0", "up");
        farm.Ip("-n", n, "addr", "add", $"{Node4}/24", "dev", "eth0");
        farm.Ip("-n", n, "addr", "add", $"{Node6}/64", "dev", "eth0", "nodad");
        farm.Ip("-n", n, "route", "add", "default", "via", "10.61.0.1");
        farm.Ip("-n", n, "-6", "route", "add", "default", "via", "2001:db8:61::1");
        var strayPort = farm.NextPort();
        using var stray = NamespaceListener.Listen(n, strayPort);
        var udpPort = farm.NextPort();
        farm.Helpers.Start("ip", ["netns", "exec", n, "nc", "-u", "-l", "-k", udpPort.ToString(CultureInfo.InvariantCulture)], Path.Combine(farm.WorkDir, "stray-udp.out"));
        // Control: without the firewall the farm reaches the stray listener.
        Assert.True(SecuredNode.Connects(farm.Router, Node4, strayPort));

        await new NftHostFirewall(n).ApplyAsync(TestContext.Current.CancellationToken);

        // The probe: a DHCP client on the NIC, as bring-up runs it, for the whole scan.
        var dhcpLog = Path.Combine(farm.WorkDir, "udhcpc.out");
        farm.Helpers.Start("ip", ["netns", "exec", n, "busybox", "udhcpc", "-f", "-i", "eth0", "-s", "/bin/true", "-t", "30", "-T", "1", "-A", "1"], dhcpLog);
        var ports = string.Create(CultureInfo.InvariantCulture, $"T:1-1024,{strayPort},U:53,67,68,123,546,547,{udpPort}");
        foreach (var (from, target) in new[] { (farm.Router, Node4), (farm.Internet, Node6) })
        {
            var output = NmapScan.Run(from, target, ports);
            Assert.Contains("(1 host up)", output, StringComparison.Ordinal);
            Assert.Empty(NmapScan.OpenPorts(output));
            Assert.DoesNotContain(string.Create(CultureInfo.InvariantCulture, $"{udpPort}/closed/udp"), output, StringComparison.Ordinal);
        }
        Assert.False(SecuredNode.Connects(farm.Router, Node4, strayPort));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!(File.Exists(dhcpLog) && File.ReadAllText(dhcpLog).Contains("obtained", StringComparison.Ordinal)) && DateTime.UtcNow < deadline)
            await Task.Delay(200, TestContext.Current.CancellationToken);
        Assert.Contains("obtained", File.ReadAllText(dhcpLog), StringComparison.Ordinal);
    }
}
