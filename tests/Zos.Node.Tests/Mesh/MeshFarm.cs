using System.Globalization;
using System.Text.Json;
using Zos.Node.Tests.Farm;
using Zos.Testing;
using Zos.Testing.Farm;

namespace Zos.Node.Tests.Mesh;

/// <summary>
/// A farm of several nodes for network-manager tests, a <see cref="TestFarm"/> with:
/// <list type="bullet">
/// <item>the real registry (<c>zos registry serve</c>, SQLite) listening in "internet" (198.51.100.1);</item>
/// <item>a router that masquerades IPv4 from 10.0.0.0/8 wherever it leaves (NAT) and routes the public LAN and IPv6;</item>
/// <item>two LANs with dnsmasq: the public LAN 1 (203.0.113.0/24 and 2001:db8:a::/64 by radvd) and the NAT LAN 2
/// (10.62.0.0/24, IPv4 only) whose nodes are hidden;</item>
/// <item>one namespace per node, running the real daemon in its own mount namespace (<see cref="MeshNode"/>).</item>
/// </list>
/// Everything (processes, namespaces, files) is removed in <see cref="Dispose"/>.
/// </summary>
internal sealed class MeshFarm : IDisposable
{
    public const string RegistryAddress = InternetLink.Internet4;
    public const int RegistryPort = 8080;
    public const string PublicSubnet = "203.0.113";
    public const string PublicPrefix6 = "2001:db8:a::";
    public const string NatSubnet = "10.62.0";

    /// <summary>The farm's public subnet for node public configs (<see cref="AddPublicFarm"/>), gateway .1 on the router.</summary>
    public const string FarmPublicSubnet = "192.0.2";

    /// <summary>The farm's IPv6 prefix for node public configs, gateway ::1 on the router.</summary>
    public const string FarmPublicPrefix6 = "2001:db8:b::";

    private readonly TestFarm _farm;
    private readonly List<MeshNode> _nodes = [];
    private FarmLan? _publicLan;
    private FarmLan? _natLan;
    private FarmLan? _farmPublicLan;

    private MeshFarm(TestFarm farm)
    {
        _farm = farm;
        ConfigDir = Path.Combine(WorkDir, "user");
    }

    public string Internet => _farm.Internet;

    public string Router => _farm.Router;

    public string Lan => _farm.Lan;

    public string WorkDir => _farm.WorkDir;

    /// <summary>ZOS_CONFIG_DIR of the user running the CLI (account key, user-access keys).</summary>
    public string ConfigDir { get; }

    public HelperProcesses Helpers => _farm.Helpers;

    public static string RegistryUrl => $"http://{RegistryAddress}:{RegistryPort}";

    public static MeshFarm Create()
    {
        var farm = new MeshFarm(TestFarm.Create(masquerade: "ip saddr 10.0.0.0/8", nodeNamespace: false));
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
        Ip("-n", Internet, "route", "add", $"{PublicSubnet}.0/24", "via", InternetLink.Router4);

        // The public LAN: DHCP hands out 203.0.113.100-200, radvd announces 2001:db8:a::/64.
        _publicLan = _farm.AddLan(1, PublicSubnet, PublicPrefix6);
        _publicLan.StartDhcp();
        _publicLan.StartRadvd();
        // The NAT LAN: IPv4 only, private: its nodes have no endpoint and are hidden.
        _natLan = _farm.AddLan(2, NatSubnet);
        _natLan.StartDhcp();

        StartRegistry();
        Cli("account", "create", "mesh-owner").EnsureSuccess("zos account create");
    }

    private void StartRegistry()
    {
        Helpers.Start("ip",
            ["netns", "exec", Internet, "dotnet", NodeDaemonProcess.ZosDll, "registry", "serve", "--data", Path.Combine(WorkDir, "registry"),
                "--urls", RegistryUrl, "--heartbeat-interval", "5", "--allow-documentation-ranges"],
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
    private readonly Dictionary<uint, string> _farmTokens = [];

    public uint AddPublicFarm(bool separateLan = false)
    {
        if (separateLan)
        {
            _farmPublicLan = _farm.AddLan(4, FarmPublicSubnet, FarmPublicPrefix6);
            _farmPublicLan.StartRadvd();
        }
        else
        {
            Ip("-n", Router, "addr", "add", $"{FarmPublicSubnet}.1/24", "dev", _publicLan!.RouterLeg);
            Ip("-n", Router, "addr", "add", $"{FarmPublicPrefix6}1/64", "dev", _publicLan.RouterLeg, "nodad");
        }
        Ip("-n", Internet, "route", "add", $"{FarmPublicSubnet}.0/24", "via", InternetLink.Router4);
        var farm = CliJson("farm", "create", "meshfarm", "--runmode", "dev", "--ipv6-prefix", $"{FarmPublicPrefix6}/64");
        var id = farm.GetProperty("id").GetUInt32();
        CliJson("farm", "ip", "add", id.ToString(CultureInfo.InvariantCulture), $"{FarmPublicSubnet}.10/24", "--gateway", $"{FarmPublicSubnet}.1");
        // The farmer's consent for the test's nodes: an enrollment token they boot with (zos-farm-token=).
        _farmTokens[id] = CliJson("farm", "token", "create", id.ToString(CultureInfo.InvariantCulture)).GetProperty("secret").GetString()!;
        return id;
    }

    /// <summary>Starts a node on the public LAN (dual-stack endpoints) or on the NAT LAN (hidden), in farm <paramref name="farmId"/> or an orphan.</summary>
    /// <param name="publicNic">Also plug eth1 into the farm's separate public LAN (<see cref="AddPublicFarm"/> separateLan).</param>
    public MeshNode AddNode(bool hidden = false, IReadOnlyDictionary<string, string>? environment = null, uint? farmId = null, bool publicNic = false)
    {
        var ns = _farm.AddNamespace("mn");
        _farm.AddNic(ns, "eth0", hidden ? _natLan : _publicLan);
        if (publicNic)
            _farm.AddNic(ns, "eth1", _farmPublicLan ?? throw new InvalidOperationException("publicNic needs AddPublicFarm(separateLan: true) first"));
        var node = new MeshNode(this, ns, Path.Combine(WorkDir, ns), environment, farmId,
            farmId is { } f && _farmTokens.TryGetValue(f, out var token) ? token : null);
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
        var ns = _farm.AddNamespace("lap");
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

    public void Ip(params string[] args) => _farm.Ip(args);

    public ShResult InNs(string ns, params string[] command) => _farm.InNs(ns, command);

    public void Dispose()
    {
        foreach (var node in _nodes)
            node.Dispose();
        _farm.Dispose();
    }
}
