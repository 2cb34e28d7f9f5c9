using System.Net;
using Zos.Core.Contracts;
using Zos.Core.Naming;
using Zos.Core.Reconcile;
using Zos.Node.Network;
using Zos.Testing;
using Zos.Testing.Farm;
using Xunit;

namespace Zos.Node.Tests.Security;

/// <summary>
/// A node on a <see cref="TestFarm"/>: its host namespace has the NIC "eth0" enslaved to the bridge "zos" with the
/// management addresses 10.61.0.50/24 and 2001:db8:61::50/64 (static, so any DHCP lease on the LAN would be ndmz's),
/// default routes via the farm router; the network manager runs against it with renamed ndmz/public namespaces.
/// Everything (workload namespaces, n-* namespaces, ndmz, wireguard-go) is removed in <see cref="DisposeAsync"/>.
/// </summary>
internal sealed class SecuredNode : IAsyncDisposable
{
    public const string Zos4 = "10.61.0.50";
    public const string Zos6 = "2001:db8:61::50";
    public const string Router4 = "10.61.0.1";
    public const string Router6 = "2001:db8:61::1";

    /// <summary>A host on the farm's management network (the LAN switch's own address, in the lan namespace).</summary>
    public const string ManagementHost4 = "10.61.0.2";

    private readonly List<string> _namespaces = [];
    private readonly string _owner = TestNames.New("own");
    private readonly string _dir = Directory.CreateTempSubdirectory("zos-sec-").FullName;
    private NetworkKernel? _kernel;

    private SecuredNode(TestFarm farm) => Farm = farm;

    public TestFarm Farm { get; }

    public FarmLan Lan { get; private set; } = null!;

    public string Ndmz { get; } = TestNames.New("nd");

    public ReconcilePass Pass { get; private set; } = null!;

    public NetworkKernel Kernel => _kernel!;

    public NetworkKernelOptions Options { get; private set; } = null!;

    public string StatePath => Path.Combine(_dir, "network-state.json");

    public static SecuredNode Create(bool allowIcmpEcho = true)
    {
        var node = new SecuredNode(TestFarm.Create());
        try
        {
            node.Build(allowIcmpEcho);
            return node;
        }
        catch
        {
            node.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }
    }

    private void Build(bool allowIcmpEcho)
    {
        Lan = Farm.AddLan(1, prefix6: "2001:db8:61::");
        Farm.AddNic("eth0", Lan);
        var n = Farm.Node;
        Farm.Ip("-n", n, "link", "add", InterfaceNames.ZosBridge, "type", "bridge");
        Farm.Ip("-n", n, "link", "set", "eth0", "master", InterfaceNames.ZosBridge, "up");
        Farm.Ip("-n", n, "link", "set", InterfaceNames.ZosBridge, "up");
        Farm.Ip("-n", n, "addr", "add", $"{Zos4}/24", "dev", InterfaceNames.ZosBridge);
        Farm.Ip("-n", n, "addr", "add", $"{Zos6}/64", "dev", InterfaceNames.ZosBridge, "nodad");
        Farm.Ip("-n", n, "route", "add", "default", "via", Router4);
        Farm.Ip("-n", n, "-6", "route", "add", "default", "via", Router6);
        _namespaces.Add(Ndmz);
        Options = new NetworkKernelOptions
        {
            HostNamespace = n,
            NdmzNamespace = Ndmz,
            PublicNamespace = TestNames.New("np"),
            WireGuardRuntimeDirectory = Path.Combine(_dir, "wg"),
            AllowIcmpEcho = allowIcmpEcho,
        };
        _namespaces.Add(Options.PublicNamespace);
        _kernel = new NetworkKernel(Options);
        Pass = new ReconcilePass(new NodeStateStore(StatePath), _kernel, [Zos6]);
    }

    /// <summary>A network part for this node (its n- namespace is cleaned up at the end).</summary>
    public NetworkPart Part(string name, string range, string subnet, int port = 0)
    {
        var id = NetId.Derive(_owner, name).Value;
        _namespaces.Add("n-" + id);
        return new NetworkPart(id, name, range, subnet, port, []);
    }

    /// <summary>Reconciles <paramref name="parts"/> and fails on any reported error.</summary>
    public async Task<ReconcilePassResult> DeployAsync(long version, params NetworkPart[] parts)
    {
        var result = await Pass.ReconcileAsync(new DesiredState("node", version, 1, null, parts), TestContext.Current.CancellationToken);
        if (result.Report.Errors is { Count: > 0 } errors)
            throw new InvalidOperationException("reconcile failed: " + string.Join("; ", errors));
        foreach (var e in result.Report.Networks.SelectMany(r => r.Errors))
            throw new InvalidOperationException("reconcile failed: " + e);
        return result;
    }

    /// <summary>A workload namespace attached to <paramref name="network"/> with <paramref name="ip"/>, like <c>zos node attach</c>.</summary>
    public (string Namespace, WorkloadAddressing Addressing) Workload(string network, string ip)
    {
        var ns = TestNames.New("wl");
        Sh.Run("ip", "netns", "add", ns).EnsureSuccess("add workload namespace");
        _namespaces.Add(ns);
        var addressing = new WorkloadAttacher(new NodeStateStore(StatePath), Farm.Node).Attach(network, IPAddress.Parse(ip), ns);
        return (ns, addressing);
    }

    /// <summary>Runs a command inside <paramref name="ns"/> (not checked).</summary>
    public static ShResult In(string ns, params string[] command) =>
        Sh.Run("ip", ["netns", "exec", ns, .. command], TimeSpan.FromSeconds(60));

    /// <summary>True when one ping from <paramref name="ns"/> to <paramref name="target"/> is answered (1 s wait).</summary>
    public static bool Pings(string ns, string target, params string[] extra) =>
        In(ns, ["ping", .. extra, "-c", "1", "-W", "1", target]).ExitCode == 0;

    /// <summary>
    /// True when a ping is answered within <paramref name="attempts"/> tries a second apart: fresh IPv6 addresses and
    /// routers are usable only once duplicate address detection (RFC 4862 §5.4, ~1 s) and neighbour discovery are done.
    /// </summary>
    public static bool PingsWithin(int attempts, string ns, string target, params string[] extra)
    {
        for (var i = 0; i < attempts; i++)
        {
            if (Pings(ns, target, extra))
                return true;
        }
        return false;
    }

    /// <summary>True when a TCP connection from <paramref name="ns"/> to target:port completes within 2 s.</summary>
    public static bool Connects(string ns, string target, int port) =>
        In(ns, "nc", "-z", "-w", "2", target, port.ToString(System.Globalization.CultureInfo.InvariantCulture)).ExitCode == 0;

    public async ValueTask DisposeAsync()
    {
        if (_kernel is not null)
            await _kernel.DisposeAsync();
        foreach (var ns in Enumerable.Reverse(_namespaces))
            Sh.Run("ip", "netns", "del", ns);
        Farm.Dispose();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort under /tmp.
        }
    }
}
