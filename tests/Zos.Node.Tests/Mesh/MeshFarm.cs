using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Zos.Node.Tests.Farm;
using Zos.Testing;

namespace Zos.Node.Tests.Mesh;

/// <summary>
/// A farm of several nodes for network-manager tests, built from namespaces:
/// <list type="bullet">
/// <item>"internet": 198.51.100.1/24 and 2001:db8:ffff::1/64, where the real registry (<c>zos registry serve</c>, SQLite) listens;</item>
/// <item>router: uplink to the internet, one leg per LAN; IPv4 from 10.0.0.0/8 is masqueraded wherever it leaves (NAT),
/// the public LAN and IPv6 are routed;</item>
/// <item>lan: one switch bridge per LAN with dnsmasq; the public LAN (203.0.113.0/24 and 2001:db8:a::/64 by radvd) and
/// a NAT LAN (10.62.0.0/24, IPv4 only) whose nodes are hidden;</item>
/// <item>one namespace per node, running the real daemon in its own mount namespace (<see cref="MeshNode"/>).</item>
/// </list>
/// Everything (processes, namespaces, files) is removed in <see cref="Dispose"/>.
/// </summary>
internal sealed class MeshFarm : IDisposable
{
    public const string RegistryAddress = "198.51.100.1";
    public const int RegistryPort = 8080;
    public const string PublicSubnet = "203.0.113";
    public const string PublicPrefix6 = "2001:db8:a::";
    public const string NatSubnet = "10.62.0";

    /// <summary>The farm's public subnet for node public configs (<see cref="AddPublicFarm"/>), gateway .1 on the router.</summary>
    public const string FarmPublicSubnet = "192.0.2";

    /// <summary>The farm's IPv6 prefix for node public configs, gateway ::1 on the router.</summary>
    public const string FarmPublicPrefix6 = "2001:db8:b::";

    private readonly List<string> _namespaces = [];
    private readonly List<MeshNode> _nodes = [];
    private int _ports;

    private MeshFarm()
    {
        Internet = TestNames.New("inet");
        Router = TestNames.New("rtr");
        Lan = TestNames.New("lan");
        WorkDir = Directory.CreateTempSubdirectory("zos-mesh-").FullName;
        ConfigDir = Path.Combine(WorkDir, "user");
    }

    public string Internet { get; }

    public string Router { get; }

    public string Lan { get; }

    public string WorkDir { get; }

    /// <summary>ZOS_CONFIG_DIR of the user running the CLI (account key, user-access keys).</summary>
    public string ConfigDir { get; }

    public HelperProcesses Helpers { get; } = new();

    public static string RegistryUrl => $"http://{RegistryAddress}:{RegistryPort}";

    public static MeshFarm Create()
    {
        var farm = new MeshFarm();
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
        foreach (var ns in new[] { Internet, Router, Lan })
            AddNamespace(ns);
        Ip("link", "add", "isp", "netns", Internet, "type", "veth", "peer", "name", "wan", "netns", Router);
        Ip("-n", Internet, "link", "set", "isp", "up");
        Ip("-n", Router, "link", "set", "wan", "up");
        Ip("-n", Internet, "addr", "add", $"{RegistryAddress}/24", "dev", "isp");
        Ip("-n", Internet, "addr", "add", "2001:db8:ffff::1/64", "dev", "isp", "nodad");
        Ip("-n", Router, "addr", "add", "198.51.100.2/24", "dev", "wan");
        Ip("-n", Router, "addr", "add", "2001:db8:ffff::2/64", "dev", "wan", "nodad");
        Ip("-n", Internet, "route", "add", $"{PublicSubnet}.0/24", "via", "198.51.100.2");
        Ip("-n", Internet, "-6", "route", "add", "2001:db8::/32", "via", "2001:db8:ffff::2");
        InNs(Router, "sysctl", "-qw", "net.ipv4.ip_forward=1");
        InNs(Router, "sysctl", "-qw", "net.ipv6.conf.all.forwarding=1");
        Sh.Run("ip", ["netns", "exec", Router, "nft", "-f", "-"], TimeSpan.FromSeconds(30),
                "table ip nat {\n chain post {\n  type nat hook postrouting priority 100;\n  ip saddr 10.0.0.0/8 masquerade\n }\n}\n")
            .EnsureSuccess("nft NAT in the router namespace");

        // The public LAN: DHCP hands out 203.0.113.100-200, radvd announces 2001:db8:a::/64.
        AddSwitch("sw1", "lan1", $"{PublicSubnet}.1/24", $"{PublicPrefix6}1/64");
        Ip("-n", Lan, "addr", "add", $"{PublicSubnet}.2/24", "dev", "sw1");
        StartDhcp("sw1", PublicSubnet, 1);
        StartRadvd("lan1", PublicPrefix6, 1);
        // The NAT LAN: IPv4 only, private: its nodes have no endpoint and are hidden.
        AddSwitch("sw2", "lan2", $"{NatSubnet}.1/24", null);
        Ip("-n", Lan, "addr", "add", $"{NatSubnet}.2/24", "dev", "sw2");
        StartDhcp("sw2", NatSubnet, 2);

        StartRegistry();
        Cli("account", "create", "mesh-owner").EnsureSuccess("zos account create");
    }

    private void AddNamespace(string ns)
    {
        Ip("netns", "add", ns);
        _namespaces.Add(ns);
        Ip("-n", ns, "link", "set", "lo", "up");
    }

    private void AddSwitch(string name, string leg, string routerAddress4, string? routerAddress6)
    {
        Ip("-n", Lan, "link", "add", name, "type", "bridge");
        Ip("-n", Lan, "link", "set", name, "up");
        Ip("link", "add", leg, "netns", Router, "type", "veth", "peer", "name", "r" + name, "netns", Lan);
        Ip("-n", Lan, "link", "set", "r" + name, "master", name, "up");
        Ip("-n", Router, "link", "set", leg, "up");
        Ip("-n", Router, "addr", "add", routerAddress4, "dev", leg);
        if (routerAddress6 is not null)
            Ip("-n", Router, "addr", "add", routerAddress6, "dev", leg, "nodad");
    }

    private void StartDhcp(string bridge, string subnet, int index) => Helpers.Start("ip",
    [
        "netns", "exec", Lan, "dnsmasq", "--keep-in-foreground", "--no-resolv", "--port=0", "-u", "root",
        $"--interface={bridge}", "--bind-interfaces", "--except-interface=lo",
        $"--dhcp-range={subnet}.100,{subnet}.200,255.255.255.0,1h", $"--dhcp-option=option:router,{subnet}.1",
        $"--dhcp-leasefile={WorkDir}/dnsmasq-{index}.leases", $"--pid-file={WorkDir}/dnsmasq-{index}.pid",
        "--dhcp-authoritative", "--no-ping",
    ], Path.Combine(WorkDir, $"dnsmasq-{index}.out"));

    private void StartRadvd(string leg, string prefix, int index)
    {
        var conf = Path.Combine(WorkDir, $"radvd-{index}.conf");
        File.WriteAllText(conf, string.Create(CultureInfo.InvariantCulture,
            $"interface {leg} {{ AdvSendAdvert on; MinRtrAdvInterval 3; MaxRtrAdvInterval 4; AdvDefaultLifetime 1800;\n  prefix {prefix}/64 {{ AdvOnLink on; AdvAutonomous on; }};\n}};\n"));
        Helpers.Start("ip", ["netns", "exec", Router, "radvd", "-n", "-C", conf, "-p", Path.Combine(WorkDir, $"radvd-{index}.pid"), "-m", "stderr"],
            Path.Combine(WorkDir, $"radvd-{index}.out"));
    }

    private void StartRegistry()
    {
        Helpers.Start("ip",
            ["netns", "exec", Internet, "dotnet", NodeDaemonProcess.ZosDll, "registry", "serve", "--data", Path.Combine(WorkDir, "registry"),
                "--urls", RegistryUrl, "--heartbeat-interval", "5"],
            Path.Combine(WorkDir, "registry.log"));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (Sh.Run("ip", "netns", "exec", Internet, "nc", "-z", "-w", "1", RegistryAddress, RegistryPort.ToString(CultureInfo.InvariantCulture)).ExitCode != 0)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"the registry did not listen within 60 s:\n{File.ReadAllText(Path.Combine(WorkDir, "registry.log"))}");
            Thread.Sleep(200);
        }
    }

    /// <summary>
    /// A farm owned by the network owner, for nodes started with its id (farmer_id=): public IPs in
    /// <see cref="FarmPublicSubnet"/>.0/24 and the IPv6 prefix <see cref="FarmPublicPrefix6"/>/64, both routed by the router
    /// on the public LAN (the gateways .1 and ::1 live on its leg there), so the owner can give its nodes a public config.
    /// With <paramref name="separateLan"/> they live on a LAN of their own instead (switch sw4, radvd announcing the
    /// prefix, no DHCP), where nodes plug a second NIC (<see cref="AddNode"/> publicNic): a dual-NIC farm.
    /// </summary>
    public uint AddPublicFarm(bool separateLan = false)
    {
        if (separateLan)
        {
            AddSwitch("sw4", "lan4", $"{FarmPublicSubnet}.1/24", $"{FarmPublicPrefix6}1/64");
            StartRadvd("lan4", FarmPublicPrefix6, 4);
        }
        else
        {
            Ip("-n", Router, "addr", "add", $"{FarmPublicSubnet}.1/24", "dev", "lan1");
            Ip("-n", Router, "addr", "add", $"{FarmPublicPrefix6}1/64", "dev", "lan1", "nodad");
        }
        Ip("-n", Internet, "route", "add", $"{FarmPublicSubnet}.0/24", "via", "198.51.100.2");
        var farm = CliJson("farm", "create", "meshfarm", "--runmode", "dev", "--ipv6-prefix", $"{FarmPublicPrefix6}/64");
        var id = farm.GetProperty("id").GetUInt32();
        CliJson("farm", "ip", "add", id.ToString(CultureInfo.InvariantCulture), $"{FarmPublicSubnet}.10/24", "--gateway", $"{FarmPublicSubnet}.1");
        return id;
    }

    /// <summary>Starts a node on the public LAN (dual-stack endpoints) or on the NAT LAN (hidden), in farm <paramref name="farmId"/> or an orphan.</summary>
    /// <param name="publicNic">Also plug eth1 into the farm's separate public LAN (<see cref="AddPublicFarm"/> separateLan).</param>
    public MeshNode AddNode(bool hidden = false, IReadOnlyDictionary<string, string>? environment = null, uint? farmId = null, bool publicNic = false)
    {
        var ns = TestNames.New("mn");
        AddNamespace(ns);
        var port = $"p{++_ports}";
        Ip("link", "add", "eth0", "netns", ns, "type", "veth", "peer", "name", port, "netns", Lan);
        Ip("-n", Lan, "link", "set", port, "master", hidden ? "sw2" : "sw1", "up");
        if (publicNic)
        {
            Ip("link", "add", "eth1", "netns", ns, "type", "veth", "peer", "name", "q" + port, "netns", Lan);
            Ip("-n", Lan, "link", "set", "q" + port, "master", "sw4", "up");
        }
        var node = new MeshNode(this, ns, Path.Combine(WorkDir, ns), environment, farmId);
        _nodes.Add(node);
        node.Start();
        return node;
    }

    /// <summary>Runs the CLI as the network owner, in the internet namespace (where the registry answers).</summary>
    public ShResult Cli(params string[] args) => Sh.Run("ip",
        ["netns", "exec", Internet, "env", $"ZOS_CONFIG_DIR={ConfigDir}", "dotnet", NodeDaemonProcess.ZosDll, .. args, "--registry", RegistryUrl],
        TimeSpan.FromSeconds(60));

    /// <summary>A CLI call whose JSON answer is returned; failures carry the CLI's output.</summary>
    public JsonElement CliJson(params string[] args)
    {
        var r = Cli(args).EnsureSuccess($"zos {string.Join(' ', args)}");
        return JsonDocument.Parse(r.StdOut).RootElement.Clone();
    }

    /// <summary>A "laptop" namespace behind NAT (10.63.0.2, 2001:db8:c::2) plugged straight into the router.</summary>
    public string AddLaptop()
    {
        var ns = TestNames.New("lap");
        AddNamespace(ns);
        Ip("link", "add", "lan3", "netns", Router, "type", "veth", "peer", "name", "eth0", "netns", ns);
        Ip("-n", Router, "link", "set", "lan3", "up");
        Ip("-n", Router, "addr", "add", "10.63.0.1/24", "dev", "lan3");
        Ip("-n", Router, "addr", "add", "2001:db8:c::1/64", "dev", "lan3", "nodad");
        Ip("-n", ns, "link", "set", "eth0", "up");
        Ip("-n", ns, "addr", "add", "10.63.0.2/24", "dev", "eth0");
        Ip("-n", ns, "addr", "add", "2001:db8:c::2/64", "dev", "eth0", "nodad");
        Ip("-n", ns, "route", "add", "default", "via", "10.63.0.1");
        Ip("-n", ns, "-6", "route", "add", "default", "via", "2001:db8:c::1");
        return ns;
    }

    public void Ip(params string[] args) => Sh.Run("ip", args).EnsureSuccess($"ip {string.Join(' ', args)}");

    public ShResult InNs(string ns, params string[] command) =>
        Sh.Run("ip", ["netns", "exec", ns, .. command], TimeSpan.FromSeconds(60)).EnsureSuccess($"{string.Join(' ', command)} in {ns}");

    public void Dispose()
    {
        foreach (var node in _nodes)
            node.Dispose();
        Helpers.Dispose();
        foreach (var ns in Enumerable.Reverse(_namespaces))
        {
            // wireguard-go and udhcpc outlive a killed daemon in its namespace: kill them by PID.
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

    internal static void Kill(Process p) => HelperProcesses.Kill(p);
}
