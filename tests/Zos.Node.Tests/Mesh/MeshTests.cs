using System.Net;
using System.Text.Json;
using Xunit;
using Zos.Core.Contracts;
using Zos.Core.Naming;
using Zos.Core.Reconcile;
using Zos.Testing;

namespace Zos.Node.Tests.Mesh;

/// <summary>
/// Privileged: real daemons in node namespaces, the real registry, networks made with the real CLI. Workloads on
/// different nodes ping each other through WireGuard, a hidden node (NAT, no public address) through the access
/// node, and a user-access "laptop" configured from <c>zos network join</c>.
/// </summary>
public class MeshTests
{
    private const string Range = "10.20.0.0/16";
    private static readonly TimeSpan Converge = TimeSpan.FromSeconds(60);

    internal static void RequireTools() =>
        Require.Privileged("ip", "nft", "dnsmasq", "radvd", "busybox", "unshare", "nsenter", "wireguard-go", "wg", "wg-quick", "nc", "ping");

    [Fact]
    public async Task Mesh_TwoPublicNodesThenHiddenNodeThenLaptop_AllReachEachOther()
    {
        RequireTools();
        using var farm = MeshFarm.Create();
        var a = farm.AddNode();
        var b = farm.AddNode();
        var idA = await a.WaitRegisteredAsync(Converge);
        var idB = await b.WaitRegisteredAsync(Converge);

        var created = farm.CliJson("network", "create", "meshnet", "--range", Range);
        var netId = created.GetProperty("netId").GetString()!;
        farm.CliJson("network", "add", netId, idA);
        var network = farm.CliJson("network", "add", netId, idB);
        var ipA = WorkloadIp(network, idA);
        var ipB = WorkloadIp(network, idB);
        await AttachWhenDeployedAsync(a, "wa", "meshnet", ipA);
        await AttachWhenDeployedAsync(b, "wb", "meshnet", ipB);

        // Two public (dual-stack) nodes: direct peers over their IPv6 endpoints, IPv4 and IPv6 inside.
        await PingAsync(a, "wa", ipA, ipB, netId, network);
        await PingAsync(b, "wb", ipB, ipA, netId, network);
        // The public IPv6 address passes duplicate address detection after the IPv4 one, so the reported endpoints may
        // name it a report later than the pings succeed (over either family): wait for it, up to 30 s.
        var statusA = a.NetworkStatus!;
        for (var waited = System.Diagnostics.Stopwatch.StartNew();
             !statusA.EndpointHosts.Any(h => h.StartsWith("2001:db8:a:", StringComparison.Ordinal)) && waited.Elapsed < TimeSpan.FromSeconds(30);)
        {
            await Task.Delay(250, TestContext.Current.CancellationToken);
            statusA = a.NetworkStatus!;
        }
        Assert.Empty(statusA.Errors);
        Assert.Contains(statusA.EndpointHosts, h => h.StartsWith("2001:db8:a:", StringComparison.Ordinal));
        Assert.Contains(statusA.EndpointHosts, h => h.StartsWith(MeshFarm.PublicSubnet + ".", StringComparison.Ordinal));
        // The kernel module where it loads (Debian's kernel), else wireguard-go (the build machines' kernel has no module).
        Assert.Equal(KernelProbes.KernelWireGuard ? WireGuardImplementations.Kernel : WireGuardImplementations.WireGuardGo, statusA.WireGuard[netId]);
        var members = farm.CliJson("network", "show", netId).GetProperty("members").EnumerateArray().ToList();
        Assert.All(members, m => Assert.False(string.IsNullOrEmpty(m.GetProperty("publicKey").GetString())));

        // A hidden node behind NAT: reached (and reaching) through the access node.
        var c = farm.AddNode(hidden: true);
        var idC = await c.WaitRegisteredAsync(Converge);
        network = farm.CliJson("network", "add", netId, idC);
        var ipC = WorkloadIp(network, idC);
        await AttachWhenDeployedAsync(c, "wc", "meshnet", ipC);
        await PingAsync(c, "wc", ipC, ipA, netId, network);
        await PingAsync(c, "wc", ipC, ipB, netId, network);
        await PingAsync(a, "wa", ipA, ipC, netId, network);
        Assert.Empty(c.NetworkStatus!.EndpointHosts);

        // A laptop joins as user access with the wg-quick text `zos network join` prints, over wireguard-go.
        var laptop = farm.AddLaptop();
        var join = farm.Cli("network", "join", netId, "laptop").EnsureSuccess("zos network join");
        Assert.Contains("[Interface]", join.StdOut, StringComparison.Ordinal);
        await using (var wg = await UserAccessTunnel.StartAsync(farm, laptop, join.StdOut))
        {
            await EventuallyAsync(() => Sh.Run("ip", "netns", "exec", laptop, "ping", "-c", "1", "-W", "1", ipA.ToString()),
                $"laptop -> workload {ipA}");
            await EventuallyAsync(() => Sh.Run("ip", "netns", "exec", laptop, "ping", "-c", "1", "-W", "1", ipC.ToString()),
                $"laptop -> hidden workload {ipC}");
        }
    }

    internal static IPAddress WorkloadIp(JsonElement network, string nodeId)
    {
        var subnet = network.GetProperty("members").EnumerateArray().First(m => m.GetProperty("id").GetString() == nodeId).GetProperty("subnet").GetString()!;
        var net = IPNetwork.Parse(subnet);
        var bytes = net.BaseAddress.GetAddressBytes();
        bytes[3] = 10;
        return new IPAddress(bytes);
    }

    internal static async Task AttachWhenDeployedAsync(MeshNode node, string ns, string network, IPAddress ip)
    {
        node.Enter("ip", "netns", "add", ns).EnsureSuccess($"ip netns add {ns}");
        await EventuallyAsync(() => node.Enter("dotnet", Farm.NodeDaemonProcess.ZosDll, "node", "attach", "--network", network, "--ip", ip.ToString(), "--netns", ns, "--state", node.StateDirectory),
            $"zos node attach {network} {ip} on {node.Namespace}", node);
    }

    /// <summary>Pings <paramref name="to"/> from the workload over IPv4, then its ULA address over IPv6.</summary>
    internal static async Task PingAsync(MeshNode node, string ns, IPAddress from, IPAddress to, string netId, JsonElement network)
    {
        await EventuallyAsync(() => node.InNodeNs(ns, "ping", "-c", "1", "-W", "1", to.ToString()), $"{from} -> {to} over IPv4", node);
        var id = NetId.TryParse(netId, out var n) ? n : throw new ArgumentException($"bad netId {netId}", nameof(netId));
        var range = IPNetwork.Parse(network.GetProperty("range").GetString()!);
        var subnet = new IPNetwork(new IPAddress([.. to.GetAddressBytes()[..3], 0]), 24);
        var six = WorkloadAddressing.For(id, range, subnet, to).Ipv6.Address;
        await EventuallyAsync(() => node.InNodeNs(ns, "ping", "-6", "-c", "1", "-W", "1", six.ToString()), $"{from} -> {six} over IPv6", node);
    }

    internal static async Task EventuallyAsync(Func<ShResult> attempt, string what, MeshNode? node = null)
    {
        var deadline = DateTime.UtcNow + Converge;
        ShResult last;
        while (true)
        {
            last = attempt();
            if (last.ExitCode == 0)
                return;
            if (DateTime.UtcNow > deadline)
                break;
            await Task.Delay(500);
        }
        throw new TimeoutException($"{what} did not succeed within {Converge.TotalSeconds} s: {last.StdOut}{last.StdErr}\n" +
                                   (node is null ? "" : $"network status: {JsonSerializer.Serialize(node.NetworkStatus)}\nlog of {node.Namespace}:\n{node.Log}"));
    }
}
