namespace Zos.Testing.Farm;

/// <summary>
/// A small farm built out of network namespaces, the one farm tests build (bring-up, host firewall, mesh):
/// <list type="bullet">
/// <item>"internet" namespace: 198.51.100.1/24 and 2001:db8:ffff::1/64, where a registry or TCP target listens;</item>
/// <item>router namespace: uplink 198.51.100.2 / 2001:db8:ffff::2 and default routes through it, IPv4 NAT (nft
/// masquerade, see <see cref="Create"/>), IPv6 routed, one leg per LAN (.1 / ::1), radvd per LAN on demand;</item>
/// <item>lan namespace: one switch bridge per LAN, dnsmasq (--no-ping) per LAN on demand;</item>
/// <item>node namespace (unless left out): veth "NICs" whose peers are switch ports (plugged), left down (unplugged);
/// more namespaces on demand (<see cref="AddNamespace"/>), each with its NICs (<see cref="AddNic(string, string, FarmLan?, string?)"/>).</item>
/// </list>
/// Everything is removed in <see cref="Dispose"/>, also after a failure.
/// </summary>
public sealed class TestFarm : IDisposable
{
    public const string InternetAddress4 = InternetLink.Internet4;
    public const string InternetAddress6 = InternetLink.Internet6;

    /// <summary>The router masquerades IPv4 that leaves through its uplink: the farm's LANs sit behind NAT.</summary>
    public const string UplinkNat = "oifname \"wan\"";

    private readonly List<FarmLan> _lans = [];
    private readonly List<string> _namespaces = [];
    private readonly string? _node;
    private int _ports;

    private TestFarm(bool nodeNamespace)
    {
        Internet = TestNames.New("inet");
        Router = TestNames.New("rtr");
        Lan = TestNames.New("lan");
        _node = nodeNamespace ? TestNames.New("node") : null;
        WorkDir = Directory.CreateTempSubdirectory("zos-farm-").FullName;
    }

    public string Internet { get; }

    public string Router { get; }

    public string Lan { get; }

    /// <summary>The node namespace, where <see cref="AddNic(string, FarmLan?, string?)"/> plugs NICs.</summary>
    public string Node => _node ?? throw new InvalidOperationException("this farm was made without a node namespace");

    public string WorkDir { get; }

    public HelperProcesses Helpers { get; } = new();

    public IReadOnlyList<FarmLan> Lans => _lans;

    /// <summary>Creates the internet, router, lan and (with <paramref name="nodeNamespace"/>) node namespaces and the router's uplink.</summary>
    /// <param name="masquerade">The nft match of the router's masquerade rule (<see cref="InternetLink.Connect"/>).</param>
    public static TestFarm Create(string masquerade = UplinkNat, bool nodeNamespace = true)
    {
        var farm = new TestFarm(nodeNamespace);
        try
        {
            farm.Build(masquerade);
            return farm;
        }
        catch
        {
            farm.Dispose();
            throw;
        }
    }

    private void Build(string masquerade)
    {
        foreach (var ns in new[] { Internet, Router, Lan, _node })
        {
            if (ns is not null)
                Add(ns);
        }
        InternetLink.Connect(Internet, Router, masquerade);
        Ip("-n", Router, "route", "add", "default", "via", InternetAddress4);
        Ip("-n", Router, "-6", "route", "add", "default", "via", InternetAddress6);
    }

    /// <summary>One more namespace (a node of several, a laptop), removed with the farm.</summary>
    public string AddNamespace(string role)
    {
        var ns = TestNames.New(role);
        Add(ns);
        return ns;
    }

    private void Add(string ns)
    {
        Ip("netns", "add", ns);
        _namespaces.Add(ns);
        Ip("-n", ns, "link", "set", "lo", "up");
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
    public void AddNic(string name, FarmLan? lan, string? mac = null) => AddNic(Node, name, lan, mac);

    /// <summary>A NIC named <paramref name="name"/> in namespace <paramref name="ns"/>; plugged into <paramref name="lan"/> or unplugged.</summary>
    public void AddNic(string ns, string name, FarmLan? lan, string? mac = null)
    {
        var peer = $"p{++_ports}";
        var args = new List<string> { "link", "add", name, "netns", ns };
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
            // Helpers orphaned by a killed daemon (udhcpc, wireguard-go) still run in the namespace: kill them by PID.
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
