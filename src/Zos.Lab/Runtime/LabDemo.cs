using System.Globalization;
using System.Net;
using Zos.Client;
using Zos.Core.Contracts;
using Zos.Core.Naming;
using Zos.Core.Primitives;
using Zos.Core.Reconcile;
using Zos.Linux.Namespaces;
using Zos.Linux.Netlink;
using Zos.Linux.Processes;
using RouteSpec = Zos.Linux.Netlink.RouteSpec;

namespace Zos.Lab.Runtime;

/// <summary>
/// `lab up --demo`: a user network across every node, made through the registry as a user would; a workload
/// namespace attached on each node with `zos node attach` run inside the node's own namespaces; pings between the
/// workloads (IPv6 first); and a "laptop" namespace on the internet side that joins as a user-access member with
/// the wg-quick file `zos network join` prints, then pings a workload through the mesh.
/// </summary>
public sealed class LabDemo(LabPaths paths, ZosCommand zos, ILabObserver observer)
{
    public const string NetworkName = "demo";
    public const string Range = "10.80.0.0/16";

    /// <summary>The workload's namespace inside each node's private /run/netns (the node's mount namespace).</summary>
    public const string WorkloadNamespace = "demo-w";

    public const string LaptopNamespace = "zl-laptop";

    /// <summary>The wg-quick interface (and file) name on the laptop; its control socket lives in /run/wireguard.</summary>
    public const string LaptopInterface = "zl-laptop";

    private static readonly InterfaceAddress s_laptopV4 = InterfaceAddress.Parse("198.18.1.200/24");
    private static readonly InterfaceAddress s_laptopV6 = InterfaceAddress.Parse("2001:db8:ffff::c8/64");

    public async Task<LabDemoResult> RunAsync(RegistryClient farmer, LabState state, Action<string?, string> record, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + timeout;
        var problems = new List<string>();
        var nodes = state.Nodes.Select(n => (Node: n, Id: LabRunner.NodeIdOf(n))).Where(n => n.Id is not null).ToList();
        var network = await farmer.CreateNetworkAsync(new NetworkCreate(NetworkName, Range), ct).ConfigureAwait(false);
        foreach (var (_, id) in nodes)
            network = await farmer.AddNetworkMemberAsync(network.NetId, new NetworkMemberAdd(id!), ct).ConfigureAwait(false);
        observer.Step($"demo: network {NetworkName} ({network.NetId}, {Range}) across {nodes.Count} nodes");
        var netId = NetId.TryParse(network.NetId, out var parsed) ? parsed : throw new InvalidOperationException($"the registry returned NetID '{network.NetId}', which is not a NetID");

        var workloads = new List<(LabNodeState Node, WorkloadAddressing Addressing)>();
        foreach (var (node, id) in nodes)
        {
            var member = network.Members.First(m => m.Kind == "node" && m.Id == id);
            var subnet = IPNetwork.Parse(member.Subnet);
            var ip = IpMath.FromUInt32(IpMath.ToUInt32(subnet.BaseAddress) + 2);
            var error = await AttachAsync(node, ip, deadline, ct).ConfigureAwait(false);
            if (error is not null)
            {
                problems.Add($"{node.Label}: attach failed: {error}");
                continue;
            }
            workloads.Add((node, WorkloadAddressing.For(netId, IPNetwork.Parse(Range), subnet, ip)));
            observer.Step($"demo: workload on {node.Label}: {ip} {workloads[^1].Addressing.Ipv6.Address}");
        }

        // The mesh converges once every node reported its key and port: wait for the first workload pair to answer.
        var pings = new List<LabPing>();
        if (workloads.Count > 1)
        {
            var first = await PingAsync(workloads[0].Node.Label, workloads[1].Node.Label, workloads[1].Addressing.Ipv4.Address, deadline,
                a => NodeLaunch(workloads[0].Node, "ip", "netns", "exec", WorkloadNamespace, "ping", "-c", "1", "-W", "1", a.ToString()), ct).ConfigureAwait(false);
            if (!first.Answered)
                problems.Add($"the mesh did not converge within {timeout.TotalSeconds:F0} s: {first.From} → {first.To} {first.Address}: {first.Detail}");
        }
        foreach (var from in workloads)
        {
            foreach (var to in workloads.Where(w => w.Node != from.Node))
            {
                // IPv6 (the workloads' ULA addresses) first, then IPv4.
                foreach (var address in new[] { to.Addressing.Ipv6.Address, to.Addressing.Ipv4.Address })
                {
                    var ping = await PingAsync(from.Node.Label, to.Node.Label, address, DateTime.UtcNow,
                        a => NodeLaunch(from.Node, "ip", "netns", "exec", WorkloadNamespace, "ping", "-c", "1", "-W", "1", a.ToString()), ct).ConfigureAwait(false);
                    pings.Add(ping);
                    observer.Step($"demo: ping {ping.From} → {ping.To} {ping.Address}: {(ping.Answered ? "answered" : "no answer " + ping.Detail)}");
                }
            }
        }

        string? laptopConfig = null;
        if (workloads.Count > 0)
        {
            (laptopConfig, var laptopPings) = await LaptopAsync(farmer, netId, workloads[0].Node.Label, workloads[0].Addressing, record, deadline, ct).ConfigureAwait(false);
            pings.AddRange(laptopPings);
            if (laptopConfig is null)
                problems.Add("laptop: the registry gave no wg-quick configuration (no access node reachable from the internet?)");
        }
        return new LabDemoResult(network.NetId, pings, laptopConfig, problems);
    }

    private async Task<string?> AttachAsync(LabNodeState node, IPAddress ip, DateTime deadline, CancellationToken ct)
    {
        await ProcessRunner.RunAsync(NodeLaunch(node, "ip", "netns", "add", WorkloadNamespace), cancellationToken: ct).ConfigureAwait(false);
        // The node deploys the network resource once its desired state carries it: retry until it has.
        string? error = null;
        while (DateTime.UtcNow < deadline)
        {
            var result = await ProcessRunner.RunAsync(NodeLaunch(node, [zos.Program, .. zos.Arguments("node", "attach", "--network", NetworkName,
                "--ip", ip.ToString(), "--netns", WorkloadNamespace, "--state", node.StateDirectory)]), timeout: TimeSpan.FromSeconds(60), cancellationToken: ct).ConfigureAwait(false);
            if (result.Succeeded)
                return null;
            error = (result.StdErr + result.StdOut).Trim();
            await Task.Delay(1000, ct).ConfigureAwait(false);
        }
        return error ?? "timed out";
    }

    private static async Task<LabPing> PingAsync(string from, string to, IPAddress address, DateTime deadline, Func<IPAddress, HelperLaunch> launch, CancellationToken ct)
    {
        // Retry until the first answer or the deadline, at least three times (a handshake may eat the first echo).
        string? detail = null;
        for (var attempt = 1; attempt <= 3 || DateTime.UtcNow < deadline; attempt++)
        {
            var result = await ProcessRunner.RunAsync(launch(address), timeout: TimeSpan.FromSeconds(10), cancellationToken: ct).ConfigureAwait(false);
            if (result.Succeeded)
                return new LabPing(from, to, address.ToString(), true, null);
            detail = result.StdErr.Trim() is { Length: > 0 } e ? e : $"exit {result.ExitCode}";
            await Task.Delay(300, ct).ConfigureAwait(false);
        }
        return new LabPing(from, to, address.ToString(), false, detail);
    }

    /// <summary>The laptop joins as a user-access member, brings the wg-quick file up with wireguard-go, pings a workload.</summary>
    private async Task<(string? Config, IReadOnlyList<LabPing> Pings)> LaptopAsync(RegistryClient farmer, NetId netId, string target, WorkloadAddressing workload,
        Action<string?, string> record, DateTime deadline, CancellationToken ct)
    {
        var keys = WireGuardKeyPair.Generate();
        var answer = await farmer.JoinNetworkAsync(netId.ToString(), new UserAccessJoin("laptop", keys.PublicKey), ct).ConfigureAwait(false);
        while (answer.WgQuick is null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(1000, ct).ConfigureAwait(false);
            answer = await farmer.JoinNetworkAsync(netId.ToString(), new UserAccessJoin("laptop", keys.PublicKey), ct).ConfigureAwait(false);
        }
        if (answer.WgQuick is null)
            return (null, []);
        Directory.CreateDirectory(paths.Root);
        var file = Path.Combine(paths.Root, LaptopInterface + ".conf");
        await File.WriteAllTextAsync(file, answer.WgQuick.Replace(answer.PrivateKeyMarker, keys.PrivateKey, StringComparison.Ordinal), ct).ConfigureAwait(false);
        if (OperatingSystem.IsLinux())
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite); // it holds the laptop's private key
        observer.Step($"demo: wg-quick file for a laptop: {file}");

        // The laptop sits on the internet's core switch, like any host on the Internet.
        record(LaptopNamespace, "");
        using (var ns = NetworkNamespace.Ensure(LaptopNamespace))
        using (var nl = RouteNetlink.Open(ns))
        using (var inet = NetworkNamespace.Open(Topology.LabPlanner.InternetNamespace))
        using (var inl = RouteNetlink.Open(inet))
        {
            nl.SetUp("lo");
            if (inl.FindLink("laptop") is null)
                inl.CreateVeth("laptop", "eth0", new LinkCreateOptions { Master = Topology.LabPlanner.CoreBridge, Up = true }, new LinkCreateOptions { Namespace = ns });
            nl.SetUp("eth0");
            nl.EnsureAddress("eth0", s_laptopV4.Address, s_laptopV4.PrefixLength);
            nl.EnsureAddress("eth0", s_laptopV6.Address, s_laptopV6.PrefixLength, AddressFlags.NoDad);
            nl.EnsureRoute(new RouteSpec(IPNetwork.Parse("0.0.0.0/0")) { Gateway = IPAddress.Parse("198.18.1.254") });
            nl.EnsureRoute(new RouteSpec(IPNetwork.Parse("::/0")) { Gateway = IPAddress.Parse("2001:db8:ffff::fe") });
        }
        // No WireGuard module on these kernels: wg-quick runs wireguard-go (its documented userspace hook).
        var up = await ProcessRunner.RunAsync(new HelperLaunch("wg-quick", ["up", file], LaptopNamespace)
        {
            Environment = new Dictionary<string, string> { ["WG_QUICK_USERSPACE_IMPLEMENTATION"] = "wireguard-go", ["WG_I_PREFER_BUGGY_USERSPACE_TO_POLISHED_KMOD"] = "1" },
        }, timeout: TimeSpan.FromSeconds(30), cancellationToken: ct).ConfigureAwait(false);
        if (!up.Succeeded)
            return (file, [new LabPing("laptop", target, workload.Ipv6.Address.ToString(), false, $"wg-quick up failed: {up.StdErr.Trim()}")]);
        var pings = new List<LabPing>();
        // The laptop pings over IPv6 only when its wg-quick file gives it an IPv6 overlay address.
        var addressLine = answer.WgQuick.Split('\n').FirstOrDefault(l => l.TrimStart().StartsWith("Address", StringComparison.Ordinal)) ?? "";
        var targets = addressLine.Contains(':', StringComparison.Ordinal) ? new[] { workload.Ipv6.Address, workload.Ipv4.Address } : [workload.Ipv4.Address];
        foreach (var address in targets)
        {
            var ping = await PingAsync("laptop", target, address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? deadline : DateTime.UtcNow,
                a => new HelperLaunch("ping", ["-c", "1", "-W", "1", a.ToString()], LaptopNamespace), ct).ConfigureAwait(false);
            pings.Add(ping);
            observer.Step($"demo: ping laptop → {target} {ping.Address}: {(ping.Answered ? "answered" : "no answer " + ping.Detail)}");
        }
        return (file, pings);
    }

    /// <summary>A program run inside the node's network and mount namespaces (where its n-* namespaces are named).</summary>
    private static HelperLaunch NodeLaunch(LabNodeState node, params string[] command) =>
        new("nsenter", ["-t", (node.MountHolder > 0 ? node.MountHolder : node.Pid).ToString(CultureInfo.InvariantCulture), "-m", "-n", "--", .. command]);
}
