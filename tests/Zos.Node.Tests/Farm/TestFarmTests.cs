using Xunit;
using Zos.Testing;
using Zos.Testing.Farm;

namespace Zos.Node.Tests.Farm;

/// <summary>The farm fixture itself: DHCP, RAs, NAT and the fake registry work before any daemon test relies on them.</summary>
public class TestFarmTests
{
    [Fact]
    public void Create_PluggedNicWithDhcp_UdhcpcGetsLeaseWithRouter()
    {
        Require.Privileged("ip", "dnsmasq", "busybox", "nft");
        using var farm = TestFarm.Create();
        var lan = farm.AddLan(1);
        farm.AddNic("eth0", lan);
        farm.AddNic("eth1", null);
        lan.StartDhcp();
        farm.NodeIp("link", "set", "eth0", "up");
        farm.NodeIp("link", "set", "eth1", "up");
        var script = Path.Combine(farm.WorkDir, "print.sh");
        File.WriteAllText(script, "#!/bin/sh\n[ \"$1\" = bound ] && echo \"LEASE $ip $router\"\nexit 0\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var good = Sh.Run("ip", ["netns", "exec", farm.Node, "busybox", "udhcpc", "-i", "eth0", "-q", "-n", "-f", "-t", "3", "-T", "1", "-s", script], TimeSpan.FromSeconds(20));
        var unplugged = farm.NodeIp("-j", "link", "show", "eth1");

        Assert.Equal(0, good.ExitCode);
        Assert.Matches(@"LEASE 10\.61\.0\.\d+ 10\.61\.0\.1", good.StdOut);
        Assert.Contains("NO-CARRIER", unplugged, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_Registry_ReachableThroughRouterNat()
    {
        Require.Privileged("ip", "dnsmasq", "nft");
        using var farm = TestFarm.Create();
        var lan = farm.AddLan(1);
        farm.AddNic("eth0", lan);
        await using var registry = await FarmRegistry.StartAsync(farm, farm.NextPort());
        farm.NodeIp("link", "set", "eth0", "up");
        farm.NodeIp("addr", "add", "10.61.0.50/24", "dev", "eth0");
        farm.NodeIp("route", "add", "default", "via", "10.61.0.1");

        // An unsigned registration: the real registry answers through the NAT, and refuses it.
        var body = "{\"nodeId\":\"abc\"}";
        var http = $"POST /api/v1/nodes HTTP/1.1\\r\\nHost: x\\r\\nContent-Type: application/json\\r\\nContent-Length: {body.Length}\\r\\nConnection: close\\r\\n\\r\\n{body}";
        var sent = Sh.Run("ip", ["netns", "exec", farm.Node, "bash", "-c",
            $"exec 3<>/dev/tcp/{TestFarm.InternetAddress4}/{registry.Port}; printf '{http}' >&3; head -c 12 <&3"], TimeSpan.FromSeconds(20));

        Assert.Equal("HTTP/1.1 401", sent.StdOut);
        Assert.Null(await registry.NodeAsync("abc"));
    }

    [Fact]
    public void Create_Radvd_NodeGetsSlaacAddressAndDefaultRoute()
    {
        Require.Privileged("ip", "radvd", "nft");
        using var farm = TestFarm.Create();
        var lan = farm.AddLan(3, subnet4: null, prefix6: "2001:db8:63::");
        farm.AddNic("eth0", lan);
        lan.StartRadvd();
        farm.InNs(farm.Node, "sysctl", "-qw", "net.ipv6.conf.eth0.accept_dad=0", "net.ipv6.conf.eth0.router_solicitation_delay=0");
        farm.NodeIp("link", "set", "eth0", "up");

        var deadline = DateTime.UtcNow.AddSeconds(10);
        string routes;
        do
        {
            Thread.Sleep(100);
            routes = farm.NodeIp("-6", "route", "show", "default");
        }
        while (!routes.Contains("proto ra", StringComparison.Ordinal) && DateTime.UtcNow < deadline);

        Assert.Contains("proto ra", routes, StringComparison.Ordinal);
        Assert.Contains("2001:db8:63:", farm.NodeIp("-6", "addr", "show", "dev", "eth0", "scope", "global"), StringComparison.Ordinal);
    }
}
