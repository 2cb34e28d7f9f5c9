using Zos.Testing;

namespace Zos.Node.Tests.Farm;

/// <summary>
/// A small farm built out of network namespaces for node bring-up tests (and the lab later):
/// <list type="bullet">
/// <item>"internet" namespace: 198.51.100.1/24 and 2001:db8:ffff::1/64, where a fake registry or TCP target listens;</item>
/// <item>router namespace: uplink 198.51.100.2 / 2001:db8:ffff::2, IPv4 NAT (nft masquerade) toward the internet,
/// IPv6 routed, one leg per LAN (.1 / ::1), radvd per LAN on demand;</item>
/// <item>lan namespace: one switch bridge per LAN, dnsmasq (--no-ping) per LAN on demand;</item>
/// <item>node namespace: veth "NICs" whose peers are switch ports (plugged), left down (unplugged).</item>
/// </list>
/// Everything is removed in <see cref="Dispose"/>, also after a failure.
/// </summary>
internal sealed class TestFarm : IDisposable
{
    public const string InternetAddress4 = InternetLink.Internet4;
    public const string InternetAddress6 = InternetLink.Internet6;

    private readonly List<FarmLan> _lans = [];
    private readonly List<string> _namespaces = [];
    private int _ports;

    private TestFarm()
    {
        Internet = TestNames.New("inet");
        Router = TestNames.New("rtr");
        Lan = TestNames.New("lan");
        Node = TestNames.New("node");
        WorkDir = Directory.CreateTempSubdirectory("zos-farm-").FullName;
    }

    public string Internet { get; }

    public string Router { get; }

    public string Lan { get; }

    public string Node { get; }

    public string WorkDir { get; }

    public HelperProcesses Helpers { get; } = new();

    public IReadOnlyList<FarmLan> Lans => _lans;

    /// <summary>Creates the internet, router, lan and node namespaces and the router's uplink with NAT.</summary>
    public static TestFarm Create()
    {
        var farm = new TestFarm();
        try
        {
            farm.Build();
            return farm;
        }
        catch
        {
            farm.Dispose();
            throw;
        }
    }

    private void Build()
    {
        foreach (var ns in new[] { Internet, Router, Lan, Node })
        {
            Ip("netns", "add", ns);
            _namespaces.Add(ns);
            Ip("-n", ns, "link", "set", "lo", "up");
        }
        InternetLink.Connect(Internet, Router, "oifname \"wan\"");
        Ip("-n", Router, "route", "add", "default", "via", InternetAddress4);
        Ip("-n", Router, "-6", "route", "add", "default", "via", InternetAddress6);
    }

    /// <summary>Adds LAN number <paramref name="index"/> (1..99): IPv4 "10.(60+index).0.0/24" unless given, IPv6 optional.</summary>
    public FarmLan AddLan(int index, string? subnet4 = "", string? prefix6 = null, bool routed = true)
    {
        var v4 = subnet4 == "" ? $"10.{60 + index}.0" : subnet4;
        var lan = new FarmLan(this, index, v4, prefix6, routed);
        lan.Create();
        _lans.Add(lan);
        return lan;
    }

    /// <summary>A NIC named <paramref name="name"/> in the node namespace; plugged into <paramref name="lan"/> or unplugged (peer down, no switch).</summary>
    public void AddNic(string name, FarmLan? lan, string? mac = null)
    {
        var peer = $"p{++_ports}";
        var args = new List<string> { "link", "add", name, "netns", Node };
        if (mac is not null)
            args.AddRange(["address", mac]);
        args.AddRange(["type", "veth", "peer", "name", peer, "netns", Lan]);
        Ip([.. args]);
        if (lan is not null)
            Ip("-n", Lan, "link", "set", peer, "master", lan.Switch, "up");
    }

    /// <summary>A free TCP port number for a service in the internet namespace (namespaces start with none in use).</summary>
    public int NextPort() => 7000 + Interlocked.Increment(ref _ports);

    public void Ip(params string[] args) => Sh.Run("ip", args).EnsureSuccess($"ip {string.Join(' ', args)}");

    public ShResult InNs(string ns, params string[] command) =>
        Sh.Run("ip", ["netns", "exec", ns, .. command], TimeSpan.FromSeconds(60)).EnsureSuccess($"{string.Join(' ', command)} in {ns}");

    /// <summary>Output of an iproute2 observer inside the node namespace.</summary>
    public string NodeIp(params string[] args) => Sh.Run("ip", ["-n", Node, .. args]).EnsureSuccess($"ip -n node {string.Join(' ', args)}").StdOut;

    public void Dispose()
    {
        Helpers.Dispose();
        foreach (var ns in Enumerable.Reverse(_namespaces))
        {
            // Helpers orphaned by a killed daemon (udhcpc) still run in the namespace: kill them by PID.
            foreach (var pid in Sh.Run("ip", "netns", "pids", ns).StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries))
                Sh.Run("kill", "-9", pid.Trim());
            Sh.Run("ip", "netns", "del", ns);
        }
        try
        {
            if (Environment.GetEnvironmentVariable("ZOS_KEEP_FARM_LOGS") != "1")
                Directory.Delete(WorkDir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort; the directory is under /tmp.
        }
    }
}
