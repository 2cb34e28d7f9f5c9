using Zos.Linux.Processes;
using Zos.Linux.Tests.Processes;
using Zos.Testing;
using Zos.Testing.Farm;

namespace Zos.Linux.Tests.Dhcp;

/// <summary>
/// A test LAN (reference §3): namespace "lan" with bridge sw0 (10.98.0.1/24) and dnsmasq (--no-ping, so offers are
/// immediate), and namespace "node" with nic0 plugged into the switch, nic1 without carrier, nic2 with carrier but no
/// server. Everything is removed on dispose.
/// </summary>
internal sealed class DhcpTestSwitch : IAsyncDisposable
{
    private readonly string _dir;
    private HelperProcess? _dnsmasq;

    private DhcpTestSwitch(TestNetns lan, TestNetns node, string dir)
    {
        Lan = lan;
        Node = node;
        _dir = dir;
    }

    public TestNetns Lan { get; }

    public TestNetns Node { get; }

    public string Dnsmasq => _dnsmasq?.StdErr ?? "";

    public static async Task<DhcpTestSwitch> StartAsync(string routers = "10.98.0.1", string leaseTime = "1h")
    {
        var lan = TestNetns.Create("lan");
        var node = TestNetns.Create("node");
        var dir = Directory.CreateTempSubdirectory("zt-dhcp-").FullName;
        var sw = new DhcpTestSwitch(lan, node, dir);
        try
        {
            lan.Ip("link", "add", "sw0", "type", "bridge");
            lan.Ip("link", "set", "sw0", "up");
            lan.Ip("addr", "add", "10.98.0.1/24", "dev", "sw0");
            Sh.Run("ip", "link", "add", "nic0", "netns", node.Name, "type", "veth", "peer", "name", "sw0p0", "netns", lan.Name).EnsureSuccess("nic0");
            lan.Ip("link", "set", "sw0p0", "master", "sw0", "up");
            Sh.Run("ip", "link", "add", "nic1", "netns", node.Name, "type", "veth", "peer", "name", "sw0p1", "netns", lan.Name).EnsureSuccess("nic1");
            Sh.Run("ip", "link", "add", "nic2", "netns", node.Name, "type", "veth", "peer", "name", "sw0p2", "netns", lan.Name).EnsureSuccess("nic2");
            lan.Ip("link", "set", "sw0p2", "up");
            foreach (var nic in new[] { "nic0", "nic1", "nic2" })
                node.Ip("link", "set", nic, "up");
            var dnsmasq = new DnsmasqCommand("sw0", "10.98.0.100", "10.98.0.250", $"{dir}/leases")
            {
                LeaseTime = leaseTime,
                Routers = routers.Split(','),
                DnsServers = ["10.98.0.1", "10.98.0.2"],
                DomainName = "lab.example",
                PidFile = $"{dir}/pid",
                LogFacility = "-",
                LogDhcp = true,
            };
            sw._dnsmasq = HelperProcess.Start(new HelperLaunch("dnsmasq", dnsmasq.Arguments(), lan.Name));
            // dnsmasq is ready once it listens on UDP 67 in lan.
            for (var i = 0; i < 100 && !lan.Exec("ss", "-uln", "sport", "= :67").StdOut.Contains(":67", StringComparison.Ordinal); i++)
            {
                if (sw._dnsmasq.HasExited)
                    throw new InvalidOperationException($"dnsmasq exited: {sw._dnsmasq.StdErr}");
                await Task.Delay(50);
            }
            return sw;
        }
        catch
        {
            await sw.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_dnsmasq is not null)
            await _dnsmasq.DisposeAsync();
        Node.Dispose();
        Lan.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}
