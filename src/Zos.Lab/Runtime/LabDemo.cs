using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Zos.Client;
using Zos.Core.Contracts;
using Zos.Core.Naming;
using Zos.Core.Networks;
using Zos.Core.Primitives;
using Zos.Core.Reconcile;
using Zos.Lab.Topology;
using Zos.Lab.Vm;
using Zos.Linux.Namespaces;
using Zos.Linux.Netlink;
using Zos.Linux.Processes;
using Zos.Linux.Sysctl;
using Zos.Linux.WireGuard;

namespace Zos.Lab.Runtime;

/// <summary>
/// `lab up --demo`: a user network across every node, made through the registry as a user would; a workload
/// namespace attached on each node with `zos node attach` run inside the node's own namespaces; pings between the
/// workloads (IPv6 first); and a "laptop" namespace on the internet side that joins as a user-access member with
/// the wg-quick file `zos network join` prints, then pings every workload through the mesh. Nodes without a public
/// endpoint (behind NAT, or without public config) are hidden members: the registry's mesh routes them, and the
/// laptop, through an access node; the demo shows which. A VM node gets no workload (nothing attaches inside a VM from
/// the host): its network resource itself is pinged, and pings from it run in its network resource through the VM's
/// shell console.
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

    /// <summary>Node daemons started at once by `node attach` (each a .NET process; the machine may have 2 cores).</summary>
    private const int AttachParallelism = 4;

    /// <summary>Members added to the demo network at once.</summary>
    private const int AddParallelism = 4;

    /// <summary>Sources pinging at once (each one fping in its namespace, pinging all its destinations at once).</summary>
    private const int PingParallelism = 6;

    private static readonly InterfaceAddress s_laptopV4 = InterfaceAddress.Parse("198.18.1.200/24");
    private static readonly InterfaceAddress s_laptopV6 = InterfaceAddress.Parse("2001:db8:ffff::c8/64");

    /// <param name="save">Called with the demo's state as it grows, so `lab ping` and `lab down` find it.</param>
    /// <param name="idOf">The registry's id of a node, or null when it has none.</param>
    public async Task<LabDemoResult> RunAsync(RegistryClient farmer, HttpClient cockpit, LabState state, Func<LabNodeState, string?> idOf, Action<string?, string> record,
        Action<LabDemoState> save, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + timeout;
        var problems = new List<string>();
        var nodes = state.Nodes.Where(n => n.Listed).Select(n => (Node: n, Id: idOf(n))).Where(n => n.Id is not null).ToList();
        foreach (var missing in state.Nodes.Where(n => n.Listed && nodes.All(m => m.Node != n)))
            problems.Add($"{missing.Label}: no node id in its status.json, left out of the demo network");
        var network = await farmer.CreateNetworkAsync(new NetworkCreate(NetworkName, Range), ct).ConfigureAwait(false);
        // Members are added a few at a time: the registry retries concurrent updates of one network (optimistic on
        // its version), and each added member moves every member's desired state, so fewer rounds mean less churn.
        await Parallel.ForEachAsync(nodes, new ParallelOptions { MaxDegreeOfParallelism = AddParallelism, CancellationToken = ct },
            async (n, c) => await farmer.AddNetworkMemberAsync(network.NetId, new NetworkMemberAdd(n.Id!), c).ConfigureAwait(false)).ConfigureAwait(false);
        network = await farmer.GetNetworkAsync(network.NetId, ct).ConfigureAwait(false);
        observer.Step($"demo: network {NetworkName} ({network.NetId}, {Range}) across {nodes.Count} nodes");
        var netId = NetId.TryParse(network.NetId, out var parsed) ? parsed : throw new InvalidOperationException($"the registry returned NetID '{network.NetId}', which is not a NetID");
        var demo = new LabDemoState { NetId = network.NetId };
        save(demo);

        // From here on three things go side by side: the mesh is described once every node reported its WireGuard key
        // and port, the laptop joins, and each node gets its workload as soon as it reported (it deployed the network
        // resource then). Each `zos node attach` is a .NET process: attaching before the node is ready would only take
        // CPU from the daemons.
        var reported = nodes.ToDictionary(n => n.Id!, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), StringComparer.Ordinal);
        var watch = WatchReportsAsync(farmer, network.NetId, reported, deadline, ct);
        var describe = DescribeMeshAsync(cockpit, demo, watch, nodes.ToDictionary(n => n.Id!, n => n.Node.Label, StringComparer.Ordinal), problems, ct);
        var laptopProblems = new List<string>();
        // The laptop joins once every node reported: the registry picks the access node among the members with a
        // public endpoint, and an early join could be given one that is not the mesh's final choice.
        async Task<(string? Config, IReadOnlyList<string> Addresses)> LaptopAfterReportsAsync()
        {
            await watch.ConfigureAwait(false);
            return await LaptopAsync(farmer, netId, record, deadline, laptopProblems, ct).ConfigureAwait(false);
        }
        var laptopTask = LaptopAfterReportsAsync();
        var attached = new LabWorkload?[nodes.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, nodes.Count), new ParallelOptions { MaxDegreeOfParallelism = AttachParallelism, CancellationToken = ct }, async (i, c) =>
        {
            var (node, id) = nodes[i];
            // Until the deadline: a node that never reports is named by the mesh description; attach is tried anyway.
            await Task.WhenAny(reported[id!].Task, watch).ConfigureAwait(false);
            var subnet = IPNetwork.Parse(network.Members.First(m => m.Kind == NetworkMemberKind.Node && m.Id == id).Subnet);
            if (node.Vm is not null)
            {
                // The network resource's own addresses: the gateway <subnet>.1 and its ULA twin (WorkloadAddressing).
                var gateway = IpMath.FromUInt32(IpMath.ToUInt32(subnet.BaseAddress) + 1);
                attached[i] = new LabWorkload(node.Label, id!, gateway.ToString(), UlaAddress.Convert4to6(netId, gateway).ToString());
                observer.Step($"demo: network resource on VM {node.Label}: {attached[i]!.Ipv4} {attached[i]!.Ipv6} (pinged, and pinging, from inside the VM)");
                return;
            }
            var ip = IpMath.FromUInt32(IpMath.ToUInt32(subnet.BaseAddress) + 2);
            var error = await AttachAsync(node, ip, deadline, c).ConfigureAwait(false);
            if (error is not null)
            {
                lock (problems)
                    problems.Add($"{node.Label}: attach failed: {error}");
                return;
            }
            var addressing = WorkloadAddressing.For(netId, IPNetwork.Parse(Range), subnet, ip);
            attached[i] = new LabWorkload(node.Label, id!, ip.ToString(), addressing.Ipv6.Address.ToString());
            observer.Step($"demo: workload on {node.Label}: {ip} {addressing.Ipv6.Address}");
        }).ConfigureAwait(false);
        demo = await describe.ConfigureAwait(false) with { Workloads = [.. attached.OfType<LabWorkload>()] };
        save(demo);

        var laptop = await laptopTask.ConfigureAwait(false);
        problems.AddRange(laptopProblems);
        // The laptop needs an access node even when every node is public: ask again which one the mesh chose.
        if (demo.AccessNode is null && laptop.Config is not null
            && await OverviewAsync(cockpit, demo.NetId, ct).ConfigureAwait(false) is { AccessNodeId: { } accessId })
        {
            demo = demo with { AccessNode = nodes.FirstOrDefault(n => n.Id == accessId).Node?.Label ?? accessId };
            observer.Step($"demo: access node {demo.AccessNode} (for the laptop)");
        }
        demo = demo with { LaptopConfig = laptop.Config, LaptopAddresses = [.. laptop.Addresses] };
        save(demo);

        var pings = await PingAllAsync(state, demo, deadline, ct).ConfigureAwait(false);
        return new LabDemoResult(network.NetId, pings, laptop.Config, problems) { State = demo };
    }

    /// <summary>
    /// The ping matrix of a running demo: every workload to every other over IPv6 then IPv4, then the laptop to every
    /// workload (over IPv6 too when its wg-quick file gave it an IPv6 address). Each source pings all its destinations
    /// at once with one fping inside its namespace (the 20-node matrix has 800 pings: a process each was a fifth of
    /// the machine's CPU, and one after the other a silent peer would cost a second each); what is not answered is tried again, in rounds until <paramref name="deadline"/> (the mesh converging), at least three.
    /// </summary>
    public async Task<IReadOnlyList<LabPing>> PingAllAsync(LabState state, LabDemoState demo, DateTime deadline, CancellationToken ct)
    {
        var sources = new List<(string From, PingRound Round, List<(string To, IPAddress Address)> Targets)>();
        var byLabel = state.Nodes.ToDictionary(n => n.Label, StringComparer.Ordinal);
        var networkResource = NetId.TryParse(demo.NetId, out var netId) ? netId.NamespaceName : "";
        foreach (var from in demo.Workloads)
        {
            if (!byLabel.TryGetValue(from.Label, out var node))
                continue;
            var round = node.Vm is { } vm
                ? VmRound(new VmConsole(vm.ShellSocket), networkResource)
                : HostFping(command => NodeLaunch(node, ["ip", "netns", "exec", WorkloadNamespace, .. command]));
            sources.Add((from.Label, round,
                [.. demo.Workloads.Where(w => w != from).SelectMany(to => new[] { (to.Label, IPAddress.Parse(to.Ipv6)), (to.Label, IPAddress.Parse(to.Ipv4)) })]));
        }
        if (demo.LaptopConfig is not null)
        {
            var laptopHasIpv6 = demo.LaptopAddresses.Any(a => a.Contains(':', StringComparison.Ordinal));
            sources.Add(("laptop", HostFping(command => new HelperLaunch(command[0], [.. command.Skip(1)], LaptopNamespace)),
                [.. demo.Workloads.SelectMany(to => laptopHasIpv6
                    ? new[] { (to.Label, IPAddress.Parse(to.Ipv6)), (to.Label, IPAddress.Parse(to.Ipv4)) }
                    : [(to.Label, IPAddress.Parse(to.Ipv4))])]));
        }
        observer.Step($"demo: {sources.Sum(s => s.Targets.Count)} pings ({demo.Workloads.Count} workloads to each other over IPv6 and IPv4"
            + (demo.LaptopConfig is null ? ")" : ", the laptop to each workload)"));
        var results = new IReadOnlyList<LabPing>[sources.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, sources.Count), new ParallelOptions { MaxDegreeOfParallelism = PingParallelism, CancellationToken = ct }, async (i, c) =>
        {
            var (from, round, targets) = sources[i];
            results[i] = await PingFromAsync(from, round, targets, deadline, c).ConfigureAwait(false);
        }).ConfigureAwait(false);
        return [.. results.SelectMany(r => r)];
    }

    /// <summary>One round: every pending address pinged once; the answered ones and, for the others, why not.</summary>
    private delegate Task<(IReadOnlySet<string> Answered, IReadOnlyDictionary<string, string> Failures)> PingRound(IReadOnlyList<string> pending, CancellationToken ct);

    /// <summary>A round as one fping started by <paramref name="launch"/> (in a namespace of the host, or of a namespace node).</summary>
    private static PingRound HostFping(Func<IReadOnlyList<string>, HelperLaunch> launch) => async (pending, ct) =>
    {
        var result = await ProcessRunner.RunAsync(launch(FpingRound.Command(pending)), timeout: TimeSpan.FromSeconds(30), cancellationToken: ct).ConfigureAwait(false);
        return FpingRound.Parse(pending, result.StdOut, result.StdErr);
    };

    /// <summary>A round run inside a VM, in its network resource, through its shell console.</summary>
    private static PingRound VmRound(VmConsole console, string networkResource) => async (pending, ct) =>
    {
        var timeout = TimeSpan.FromSeconds(10 + (pending.Count * VmPingRound.TimeoutSeconds));
        var result = await console.RunAsync(VmPingRound.Command(networkResource, pending), timeout, ct).ConfigureAwait(false);
        if (result is null)
            return (new HashSet<string>(), pending.ToDictionary(a => a, _ => $"the VM's shell console ({console.SocketPath}) did not answer", StringComparer.Ordinal));
        // A failure of the command itself (no such namespace) is the reason for every address it did not ping.
        var (answered, failures) = FpingRound.Parse(pending, result.Output, "");
        var said = result.Output.Split('\n').FirstOrDefault(l => !l.Contains(" is ", StringComparison.Ordinal) && l.Trim().Length > 0);
        return (answered, said is null ? failures : failures.ToDictionary(f => f.Key, f => f.Value == "no answer" ? said.Trim() : f.Value, StringComparer.Ordinal));
    };

    /// <summary>Rounds pinging every pending address once, all at once; answered ones drop out; the last failure's reason is kept.</summary>
    private static async Task<IReadOnlyList<LabPing>> PingFromAsync(string from, PingRound round, List<(string To, IPAddress Address)> targets,
        DateTime deadline, CancellationToken ct)
    {
        var answered = new HashSet<string>(StringComparer.Ordinal);
        var details = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var pass = 1; ; pass++)
        {
            var pending = targets.Select(t => t.Address.ToString()).Where(a => !answered.Contains(a)).Distinct(StringComparer.Ordinal).ToList();
            if (pending.Count == 0 || (pass > 3 && DateTime.UtcNow >= deadline))
                break;
            var (ok, failures) = await round(pending, ct).ConfigureAwait(false);
            answered.UnionWith(ok);
            foreach (var (address, reason) in failures)
                details[address] = reason;
            if (answered.Count < targets.Count)
                await Task.Delay(300, ct).ConfigureAwait(false);
        }
        return [.. targets.Select(t => new LabPing(from, t.To, t.Address.ToString(), answered.Contains(t.Address.ToString()),
            answered.Contains(t.Address.ToString()) ? null : details.GetValueOrDefault(t.Address.ToString(), "no answer")))];
    }

    /// <summary>
    /// Polls the network until every node member reported its WireGuard key and port (or the deadline passed),
    /// completing each member's signal as its report arrives; returns the network as last read.
    /// </summary>
    private static async Task<Network> WatchReportsAsync(RegistryClient farmer, string netId, IReadOnlyDictionary<string, TaskCompletionSource> reported,
        DateTime deadline, CancellationToken ct)
    {
        while (true)
        {
            var network = await farmer.GetNetworkAsync(netId, ct).ConfigureAwait(false);
            var waiting = 0;
            foreach (var m in network.Members.Where(m => m.Kind == NetworkMemberKind.Node))
            {
                if (m.PublicKey is null || m.ListenPort is null)
                    waiting++;
                else if (reported.TryGetValue(m.Id, out var signal))
                    signal.TrySetResult();
            }
            if (waiting == 0 || DateTime.UtcNow >= deadline)
                return network;
            await Task.Delay(500, ct).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Once every node member reported (<paramref name="reports"/>), shows the mesh the registry computed: each
    /// member's endpoints (checked from the internet with one fping: an endpoint that does not answer a ping there cannot
    /// carry the mesh either), the access node and the hidden members that go through it.
    /// </summary>
    private async Task<LabDemoState> DescribeMeshAsync(HttpClient cockpit, LabDemoState demo, Task<Network> reports, IReadOnlyDictionary<string, string> labels,
        List<string> problems, CancellationToken ct)
    {
        string Label(string id) => labels.TryGetValue(id, out var l) ? l : id;
        var network = await reports.ConfigureAwait(false);
        var nodeMembers = network.Members.Where(m => m.Kind == NetworkMemberKind.Node).ToList();
        lock (problems)
        {
            foreach (var m in nodeMembers.Where(m => m.PublicKey is null || m.ListenPort is null))
                problems.Add($"{Label(m.Id)}: reported no WireGuard key or port for network {demo.NetId} (see its network-status.json)");
        }

        var overview = await OverviewAsync(cockpit, demo.NetId, ct).ConfigureAwait(false);
        if (overview?.MeshError is { } meshError)
        {
            lock (problems)
                problems.Add($"the registry cannot compute the mesh: {meshError}");
        }
        var endpoints = nodeMembers.SelectMany(m => m.Endpoints).Select(e => IPEndPoint.TryParse(e, out var ep) ? ep.Address : null).OfType<IPAddress>().ToList();
        var answering = await AnsweringAsync(endpoints, ct).ConfigureAwait(false);
        foreach (var m in nodeMembers)
        {
            if (m.Endpoints.Count == 0)
            {
                observer.Step($"demo: {Label(m.Id)} has no public endpoint: hidden, reached through the access node");
                continue;
            }
            var silent = m.Endpoints.Select(e => IPEndPoint.TryParse(e, out var ep) ? ep.Address.ToString() : null).OfType<string>()
                .Where(a => !answering.Contains(a)).ToList();
            observer.Step($"demo: {Label(m.Id)} endpoints {string.Join(", ", m.Endpoints)}"
                + (silent.Count == 0 ? "" : $"; {string.Join(", ", silent)} does not answer from the internet (public config not applied on the node?)"));
        }
        var access = overview?.AccessNodeId is { } a ? Label(a) : null;
        var hidden = (overview?.HiddenMembers ?? []).Select(Label).Order(StringComparer.Ordinal).ToList();
        if (access is not null)
            observer.Step($"demo: access node {access}" + (hidden.Count == 0 ? "" : $"; hidden members through it: {string.Join(", ", hidden)}"));
        return demo with { AccessNode = access, Hidden = hidden };
    }

    /// <summary>The addresses that answer one ping from the internet namespace, all pinged at once by one fping.</summary>
    private static async Task<IReadOnlySet<string>> AnsweringAsync(IReadOnlyList<IPAddress> addresses, CancellationToken ct)
    {
        var pending = addresses.Select(a => a.ToString()).Distinct(StringComparer.Ordinal).ToList();
        if (pending.Count == 0)
            return new HashSet<string>();
        var command = FpingRound.Command(pending);
        var result = await ProcessRunner.RunAsync(new HelperLaunch(command[0], [.. command.Skip(1)], LabPlanner.InternetNamespace),
            timeout: TimeSpan.FromSeconds(15), cancellationToken: ct).ConfigureAwait(false);
        return FpingRound.Parse(pending, result.StdOut, result.StdErr).Answered;
    }

    /// <summary>The registry's view of the mesh (access node, hidden members, error), or null when it does not answer.</summary>
    private async Task<NetworkOverview?> OverviewAsync(HttpClient cockpit, string netId, CancellationToken ct)
    {
        try
        {
            return await cockpit.GetFromJsonAsync<NetworkOverview>($"api/v1/cockpit/networks/{netId}", ContractJson.Options, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (RegistryFailure.IsTransient(e, ct))
        {
            observer.Step($"demo: the registry's mesh overview did not answer: {e.Message}");
            return null;
        }
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

    /// <summary>
    /// The laptop joins as a user-access member and brings the wg-quick file up with wireguard-go in a namespace on
    /// the internet's core switch. Returns the file and the overlay addresses of its Address line, or nulls with a problem.
    /// </summary>
    private async Task<(string? Config, IReadOnlyList<string> Addresses)> LaptopAsync(RegistryClient farmer, NetId netId, Action<string?, string> record,
        DateTime deadline, List<string> problems, CancellationToken ct)
    {
        var keys = WireGuardKeyPair.Generate();
        // Joining again with the same key answers the current configuration: ask until an access node is its peer.
        var answer = await farmer.JoinNetworkAsync(netId.ToString(), new UserAccessJoin("laptop", keys.PublicKey.ToBase64()), ct).ConfigureAwait(false);
        while (answer.WgQuick is null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(1000, ct).ConfigureAwait(false);
            answer = await farmer.JoinNetworkAsync(netId.ToString(), new UserAccessJoin("laptop", keys.PublicKey.ToBase64()), ct).ConfigureAwait(false);
        }
        if (answer.WgQuick is null)
        {
            problems.Add($"laptop: the registry gave no wg-quick configuration: {answer.MeshError ?? "no access node reachable from the internet"}");
            return (null, []);
        }
        Directory.CreateDirectory(paths.Root);
        var file = Path.Combine(paths.Root, LaptopInterface + ".conf");
        await File.WriteAllTextAsync(file, answer.WgQuick.Replace(answer.PrivateKeyMarker, keys.PrivateKey.ToBase64(), StringComparison.Ordinal), ct).ConfigureAwait(false);
        if (OperatingSystem.IsLinux())
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite); // it holds the laptop's private key
        var addresses = WgQuickAddresses(answer.WgQuick);
        observer.Step($"demo: wg-quick file for a laptop: {file} (addresses {string.Join(", ", addresses)})");

        // The laptop sits on the internet's core switch, like any host on the Internet.
        record(LaptopNamespace, "");
        using (var ns = NetworkNamespace.Ensure(LaptopNamespace))
        using (var nl = RouteNetlink.Open(ns))
        using (var inet = NetworkNamespace.Open(LabPlanner.InternetNamespace))
        using (var inl = RouteNetlink.Open(inet))
        {
            nl.SetUp("lo");
            if (inl.FindLink("laptop") is null)
                inl.CreateVeth("laptop", "eth0", new LinkCreateOptions { Master = LabPlanner.CoreBridge, Up = true }, new LinkCreateOptions { Namespace = ns });
            nl.SetUp("eth0");
            nl.EnsureAddress("eth0", s_laptopV4.Address, s_laptopV4.PrefixLength);
            nl.EnsureAddress("eth0", s_laptopV6.Address, s_laptopV6.PrefixLength, AddressFlags.NoDad);
            nl.EnsureRoute(new RouteSpec(IPNetwork.Parse("0.0.0.0/0")) { Gateway = IPAddress.Parse("198.18.1.254") });
            nl.EnsureRoute(new RouteSpec(IPNetwork.Parse("::/0")) { Gateway = IPAddress.Parse("2001:db8:ffff::fe") });
            // wg-quick adds the IPv6 overlay address: no duplicate address detection delay before it can be used.
            NamespaceSysctl.Write(ns, "net.ipv6.conf.default.accept_dad", "0");
        }
        // No WireGuard module on these kernels: wg-quick runs wireguard-go (its documented userspace hook).
        var up = await ProcessRunner.RunAsync(new HelperLaunch("wg-quick", ["up", file], LaptopNamespace)
        {
            Environment = new Dictionary<string, string> { ["WG_QUICK_USERSPACE_IMPLEMENTATION"] = "wireguard-go", ["WG_I_PREFER_BUGGY_USERSPACE_TO_POLISHED_KMOD"] = "1" },
        }, timeout: TimeSpan.FromSeconds(30), cancellationToken: ct).ConfigureAwait(false);
        if (!up.Succeeded)
        {
            problems.Add($"laptop: wg-quick up {file} failed: {up.StdErr.Trim()}");
            return (null, addresses);
        }
        return (file, addresses);
    }

    /// <summary>The addresses of a wg-quick file's Address lines (without prefix lengths).</summary>
    public static IReadOnlyList<string> WgQuickAddresses(string wgQuick) =>
        [.. wgQuick.Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.StartsWith("Address", StringComparison.Ordinal) && l.Contains('=', StringComparison.Ordinal))
            .SelectMany(l => l[(l.IndexOf('=', StringComparison.Ordinal) + 1)..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .Select(a => a.Split('/')[0])];

    /// <summary>A program run inside the node's network and mount namespaces (where its n-* namespaces are named).</summary>
    private static HelperLaunch NodeLaunch(LabNodeState node, params string[] command) =>
        new("nsenter", ["-t", (node.MountHolder > 0 ? node.MountHolder : node.Pid).ToString(CultureInfo.InvariantCulture), "-m", "-n", "--", .. command]);
}
