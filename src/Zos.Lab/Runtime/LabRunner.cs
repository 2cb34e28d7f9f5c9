using System.Diagnostics;
using System.Globalization;
using Zos.Client;
using Zos.Core.Bringup;
using Zos.Core.Contracts;
using Zos.Core.Farms;
using Zos.Lab.Scenarios;
using Zos.Lab.Topology;
using Zos.Lab.Vm;
using Zos.Core.Primitives;
using Zos.Linux.Namespaces;
using Zos.Linux.Netlink;
using Zos.Linux.Processes;

namespace Zos.Lab.Runtime;

/// <summary>
/// `zos lab up|down|status`: builds a whole farm out of namespaces with every part real (our netlink for the
/// cabling, the router-config files on the router, the registry, the boot server and the node daemons as processes),
/// and removes exactly what it made.
/// </summary>
public sealed class LabRunner(LabPaths paths, ZosCommand zos, ILabObserver observer)
{
    /// <summary>Node daemons started at once.</summary>
    private const int NodeStartParallelism = 4;

    /// <summary>The node daemon's default heartbeat interval (NodeConfig.HeartbeatIntervalSeconds), which VM nodes use.</summary>
    private const int VmHeartbeatSeconds = 30;

    private readonly LabStateStore _store = new(paths);

    public async Task<LabUpResult> UpAsync(LabScenario scenario, LabUpOptions options, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        if (_store.Load() is not null || NetworkNamespace.List().Any(IsLab))
        {
            observer.Step("a previous lab is still here: removing it first");
            await DownAsync(ct).ConfigureAwait(false);
        }

        var plan = LabPlanner.Plan(scenario.Farms, scenario.Options);
        var vmFarms = plan.Nodes.Where(n => n.Vm is not null).Select(n => n.Farm.Name).ToHashSet(StringComparer.Ordinal);
        if (vmFarms.Count > 0)
        {
            await EnsureImageAsync(options.ImageDirectory, ct).ConfigureAwait(false);
            // A VM's daemon heartbeats at its own default (the image's command line does not set it): the registry must
            // expect that, or it marks the VMs down between two heartbeats.
            options = options with { HeartbeatSeconds = Math.Max(options.HeartbeatSeconds, VmHeartbeatSeconds) };
        }
        var state = new LabState { Scenario = scenario.Name, StartedAt = DateTimeOffset.UtcNow };
        var gate = new Lock();
        void Save()
        {
            lock (gate)
                _store.Save(state);
        }
        Save();

        observer.Step($"cabling {plan.Namespaces.Count} namespaces, {plan.Bridges.Count} switch bridges and {plan.Veths.Count} cables");
        var builder = new LabNetworkBuilder((ns, link) =>
        {
            lock (gate)
            {
                if (ns is not null && !state.Namespaces.Contains(ns))
                    state.Namespaces.Add(ns);
                if (ns is null && link.Length > 0 && !state.HostLinks.Contains(link))
                    state.HostLinks.Add(link);
            }
            Save();
        });
        await builder.BuildAsync(plan, ct).ConfigureAwait(false);

        var services = new LabServices(paths, zos, process =>
        {
            lock (gate)
                state.Processes.Add(process);
            Save();
        });
        foreach (var router in plan.Routers)
        {
            observer.Step($"farm {router.Farm}: applying the router-config files to {router.Namespace}");
            await services.ConfigureRouterAsync(router, ct).ConfigureAwait(false);
        }

        observer.Step("starting the registry");
        var registryUrl = await services.StartRegistryAsync(plan, options, ct).ConfigureAwait(false);
        var cockpitUrl = $"http://127.0.0.1:{options.RegistryPort.ToString(CultureInfo.InvariantCulture)}/";
        using var http = new HttpClient { BaseAddress = new Uri(cockpitUrl), Timeout = TimeSpan.FromSeconds(10) };
        await WaitForRegistryAsync(http, ct).ConfigureAwait(false);
        state = state with { RegistryUrl = registryUrl, CockpitUrl = cockpitUrl };
        Save();

        var client = new RegistryClient(http, new RequestSigner(Ed25519Identity.LoadOrCreate(paths.AccountKey), TimeProvider.System));
        await client.CreateAccountAsync("lab-farmer", ct).ConfigureAwait(false);
        foreach (var farm in scenario.Farms)
        {
            var id = await RegisterFarmAsync(client, farm, n => scenario.Options(farm, n).Listed, ct).ConfigureAwait(false);
            lock (gate)
                state.FarmIds[farm.Name] = id;
            observer.Step($"farm {farm.Name} registered as farm {id} ({farm.Nodes.Count} nodes)");
        }
        Save();

        foreach (var dhcp in plan.DhcpServers.Where(d => !d.IsBootServer))
        {
            var farm = scenario.Farms.First(f => f.Name == dhcp.Farm);
            observer.Step($"farm {farm.Name}: router DHCP (dnsmasq) on {dhcp.Namespace}/{dhcp.Interface} ({dhcp.Reservations.Count} reservations)");
            await services.StartRouterDhcpAsync(dhcp, farm, ct).ConfigureAwait(false);
        }
        async Task StartBootServersAsync()
        {
            foreach (var dhcp in plan.DhcpServers.Where(d => d.IsBootServer))
            {
                var farm = scenario.Farms.First(f => f.Name == dhcp.Farm);
                observer.Step($"farm {farm.Name}: boot server (our DHCP, TFTP, HTTP) on {dhcp.Namespace}/{dhcp.Interface} ({dhcp.Reservations.Count} reservations)");
                var image = vmFarms.Contains(farm.Name) ? new LabBootImage(options.ImageDirectory, registryUrl) : null;
                await services.StartBootServerAsync(dhcp, farm, state.FarmIds[farm.Name], registryUrl, image, n => scenario.Options(farm, n).Listed, ct).ConfigureAwait(false);
            }
        }
        if (options.BootDelay <= TimeSpan.Zero)
            await StartBootServersAsync().ConfigureAwait(false);

        // A few at a time: starting one waits for its mount namespace holder, time the others can use to boot.
        var vms = new LabVms(paths, process =>
        {
            lock (gate)
                state.Processes.Add(process);
            Save();
        });
        var kvm = LabVms.KvmWorks();
        if (vmFarms.Count > 0)
            observer.Step($"VM nodes boot by PXE from their farm's boot server ({(kvm ? "KVM" : "TCG: no usable /dev/kvm")}); consoles in {paths.Root}/nodes/*/console.log");
        await Parallel.ForEachAsync(plan.Nodes, new ParallelOptions { MaxDegreeOfParallelism = NodeStartParallelism, CancellationToken = ct }, async (node, c) =>
        {
            var started = node.Vm is not null
                ? await vms.StartAsync(node, kvm, c).ConfigureAwait(false)
                : await services.StartNodeAsync(node, state.FarmIds[node.Farm.Name], registryUrl, options, c).ConfigureAwait(false) with { Listed = node.Listed };
            lock (gate)
                state.Nodes.Add(started);
            Save();
        }).ConfigureAwait(false);
        var order = plan.Nodes.Select((n, i) => (n.Namespace, i)).ToDictionary(x => x.Namespace, x => x.i, StringComparer.Ordinal);
        lock (gate)
            state.Nodes.Sort((a, b) => order[a.Namespace].CompareTo(order[b.Namespace]));
        Save();
        observer.Step($"{plan.Nodes.Count} nodes started; waiting for the listed ones to register");

        // A late boot server starts while the table shows the nodes retrying DHCP.
        var lateBoot = Task.CompletedTask;
        if (options.BootDelay > TimeSpan.Zero)
        {
            observer.Step($"the boot servers start {options.BootDelay.TotalSeconds:F0} s late");
            lateBoot = Task.Run(async () =>
            {
                await Task.Delay(options.BootDelay, ct).ConfigureAwait(false);
                await StartBootServersAsync().ConfigureAwait(false);
            }, ct);
        }

        var (rows, views) = await WaitForNodesAsync(client, state, options.Timeout, ct).ConfigureAwait(false);
        await lateBoot.ConfigureAwait(false);
        await ApplyPublicConfigsAsync(client, plan, state, views, ct).ConfigureAwait(false);
        var registeredAfter = clock.Elapsed;
        LabDemoResult? demo = null;
        if (options.Demo && rows.Where(r => r.Listed).All(r => r.Registered))
        {
            demo = await new LabDemo(paths, zos, observer).RunAsync(client, http, state, n => NodeIdOf(n, views), (ns, _) =>
            {
                lock (gate)
                {
                    if (ns is not null && !state.Namespaces.Contains(ns))
                        state.Namespaces.Add(ns);
                }
                Save();
            }, d =>
            {
                lock (gate)
                    state.Demo = d;
                Save();
            }, options.Timeout, ct).ConfigureAwait(false);
        }
        return new LabUpResult(cockpitUrl, rows, registeredAfter) { Demo = demo, DemoElapsed = demo is null ? null : clock.Elapsed };
    }

    /// <summary>Removes everything the lab made (from the state file, plus anything named zl-*), and nothing else.</summary>
    public async Task<IReadOnlyList<string>> DownAsync(CancellationToken ct)
    {
        var removed = new List<string>();
        LabState? state = null;
        try
        {
            state = _store.Load();
        }
        catch (InvalidDataException e)
        {
            observer.Step(e.Message);
        }
        // What a node daemon started in namespaces of its own mount namespace (wireguard-go in `public`, udhcpc in
        // probe namespaces) is invisible to `ip netns pids` from here: find it by the daemon's mount namespace.
        var nodeMounts = (state?.Nodes ?? []).SelectMany(n => new[] { n.Pid, n.MountHolder }).Where(p => p > 0 && DetachedProcess.IsRunning(p))
            .Select(MountNamespaceOf).OfType<string>()
            .Where(m => m != MountNamespaceOf(Environment.ProcessId)).ToHashSet(StringComparer.Ordinal);
        foreach (var process in (state?.Processes ?? []).AsEnumerable().Reverse())
        {
            if (await DetachedProcess.StopAsync(process.Pid, TimeSpan.FromSeconds(3), ct).ConfigureAwait(false))
                removed.Add($"process {process.Role} ({process.Pid})");
        }
        if (nodeMounts.Count > 0)
        {
            foreach (var dir in Directory.EnumerateDirectories("/proc"))
            {
                if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && MountNamespaceOf(pid) is { } m && nodeMounts.Contains(m)
                    && await DetachedProcess.StopAsync(pid, TimeSpan.FromSeconds(2), ct).ConfigureAwait(false))
                    removed.Add($"process {pid} of a node's mount namespace");
            }
        }
        var laptopSocket = Path.Combine("/run/wireguard", LabDemo.LaptopInterface + ".sock");
        if (File.Exists(laptopSocket))
        {
            File.Delete(laptopSocket);
            removed.Add($"socket {laptopSocket}");
        }
        var namespaces = (state?.Namespaces ?? []).Concat(NetworkNamespace.List().Where(IsLab)).Distinct(StringComparer.Ordinal).ToList();
        foreach (var ns in namespaces)
        {
            // Whatever still runs inside (udhcpc, wireguard-go, dnsmasq children) goes with its namespace.
            if (NetworkNamespace.Exists(ns))
            {
                var pids = await ProcessRunner.RunAsync(new HelperLaunch("ip", ["netns", "pids", ns]), cancellationToken: ct).ConfigureAwait(false);
                foreach (var pid in pids.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    if (int.TryParse(pid, NumberStyles.None, CultureInfo.InvariantCulture, out var p))
                        await DetachedProcess.StopAsync(p, TimeSpan.FromSeconds(2), ct).ConfigureAwait(false);
                }
            }
            if (NetworkNamespace.EnsureDeleted(ns))
                removed.Add($"namespace {ns}");
        }
        using (var nl = RouteNetlink.Open())
        {
            foreach (var link in (state?.HostLinks ?? []).Append(LabPlanner.HostLinkName).Distinct(StringComparer.Ordinal))
            {
                if (nl.EnsureLinkDeleted(link))
                    removed.Add($"link {link}");
            }
        }
        if (Directory.Exists(paths.Root))
        {
            Directory.Delete(paths.Root, recursive: true);
            removed.Add($"directory {paths.Root}");
        }
        return removed;
    }

    /// <summary>
    /// Kills a node daemon with SIGKILL, as a crash or a power cut would: its namespace, links and state directory
    /// stay. <paramref name="name"/> is the node's label (farm/node), node name or namespace.
    /// </summary>
    public async Task<LabNodeState> KillNodeAsync(string name, CancellationToken ct)
    {
        var state = RunningState();
        var node = FindNode(state, name);
        if (DetachedProcess.IsRunning(node.Pid))
        {
            // Process.Kill sends SIGKILL on Linux: no chance to clean up, as in a crash.
            try
            {
                using var process = Process.GetProcessById(node.Pid);
                process.Kill();
            }
            catch (ArgumentException)
            {
                // exited on its own meanwhile
            }
            for (var i = 0; i < 100 && DetachedProcess.IsRunning(node.Pid); i++)
                await Task.Delay(50, ct).ConfigureAwait(false);
        }
        return node;
    }

    /// <summary>Starts a node daemon again (after a kill) with the command line, config and state directory it had.</summary>
    public async Task<LabNodeState> StartNodeAsync(string name, CancellationToken ct)
    {
        var state = RunningState();
        var node = FindNode(state, name);
        if (DetachedProcess.IsRunning(node.Pid))
            throw new InvalidOperationException(node.Vm is null
                ? $"node {node.Label}: its daemon still runs (PID {node.Pid}); kill it first with `zos lab kill {node.Label}`"
                : $"node {node.Label}: its VM still runs (qemu PID {node.Pid}); power it off first with `zos lab kill {node.Label}`");
        LabNodeState restarted;
        if (node.Vm is not null)
        {
            state.Processes.RemoveAll(p => p.Pid == node.Pid);
            restarted = await new LabVms(paths, state.Processes.Add).RestartAsync(node, ct).ConfigureAwait(false);
        }
        else
        {
            var services = new LabServices(paths, zos, process =>
            {
                state.Processes.RemoveAll(p => p.Role == process.Role && p.Namespace == node.Namespace);
                state.Processes.Add(process);
            });
            restarted = await services.RestartNodeAsync(node, ct).ConfigureAwait(false);
        }
        state.Nodes[state.Nodes.IndexOf(node)] = restarted;
        _store.Save(state);
        return restarted;
    }

    /// <summary>
    /// Runs the demo's ping matrix again on the running lab (workloads to each other over IPv6 and IPv4, the laptop to
    /// every workload), waiting up to <paramref name="timeout"/> for the mesh to answer, e.g. after a node restart.
    /// </summary>
    public async Task<LabDemoResult> PingAsync(TimeSpan timeout, CancellationToken ct)
    {
        var state = RunningState();
        if (state.Demo is not { } demo)
            throw new InvalidOperationException("this lab has no demo network: start it with `zos lab up --demo`");
        var problems = state.Nodes.Where(n => n.Listed && !DetachedProcess.IsRunning(n.Pid))
            .Select(n => n.Vm is null ? $"{n.Label}: its daemon is not running" : $"{n.Label}: its VM is powered off").ToList();
        var pings = await new LabDemo(paths, zos, observer).PingAllAsync(state, demo, DateTime.UtcNow + timeout, ct).ConfigureAwait(false);
        return new LabDemoResult(demo.NetId, pings, demo.LaptopConfig, problems) { State = demo };
    }

    private LabState RunningState() =>
        _store.Load() ?? throw new InvalidOperationException($"no lab is running (no {paths.StateFile}); start one with `zos lab up`");

    private static LabNodeState FindNode(LabState state, string name) =>
        state.Nodes.FirstOrDefault(n => n.Label == name || n.Namespace == name || n.Label.EndsWith("/" + name, StringComparison.Ordinal))
        ?? throw new ArgumentException($"node: '{name}' is not a node of this lab (nodes: {string.Join(", ", state.Nodes.Select(n => n.Label))})");

    /// <summary>The running lab's nodes as the registry and their status files see them, or null when no lab runs.</summary>
    public async Task<(LabState State, IReadOnlyList<LabNodeProgress> Nodes)?> StatusAsync(CancellationToken ct)
    {
        if (_store.Load() is not { } state)
            return null;
        IReadOnlyList<NodeView> registered = [];
        if (state.CockpitUrl is { } url)
        {
            try
            {
                using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(5) };
                registered = await new RegistryClient(http).ListNodesAsync(ct: ct).ConfigureAwait(false);
            }
            catch (Exception e) when (RegistryFailure.IsTransient(e, ct))
            {
                observer.Step($"the registry at {url} does not answer: {e.Message}");
            }
        }
        return (state, Rows(state, registered));
    }

    /// <summary>
    /// The image VMs boot: present in <paramref name="directory"/>, or built there with `zos image build -o DIR`
    /// (minutes: apt downloads and the daemon's publish) when it is not.
    /// </summary>
    private async Task EnsureImageAsync(string directory, CancellationToken ct)
    {
        if (LabBootImage.IsPresent(directory))
        {
            observer.Step($"node image: {directory}");
            return;
        }
        observer.Step($"no node image in {directory} (needs {LabBootImage.Kernel} and {LabBootImage.Initrd}): building it with `zos image build -o {directory}`");
        var build = await ProcessRunner.RunAsync(new HelperLaunch(zos.Program, zos.Arguments("image", "build", "-o", directory)),
            timeout: TimeSpan.FromMinutes(30), cancellationToken: ct).ConfigureAwait(false);
        if (!build.Succeeded || !LabBootImage.IsPresent(directory))
            throw new InvalidOperationException($"--image: '{directory}' has no node image and `zos image build -o {directory}` failed: {(build.StdErr + build.StdOut).Trim()}");
    }

    private async Task<(IReadOnlyList<LabNodeProgress> Rows, IReadOnlyList<NodeView> Views)> WaitForNodesAsync(RegistryClient client, LabState state, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + timeout;
        IReadOnlyList<LabNodeProgress> rows = [];
        while (true)
        {
            IReadOnlyList<NodeView> registered;
            try
            {
                registered = await client.ListNodesAsync(ct: ct).ConfigureAwait(false);
            }
            catch (Exception e) when (RegistryFailure.IsTransient(e, ct))
            {
                registered = [];
            }
            rows = Rows(state, registered);
            observer.Nodes(rows);
            if (rows.Where(r => r.Listed).All(r => r.Registered) || DateTime.UtcNow > deadline)
                return (rows, registered);
            await Task.Delay(500, ct).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The node's id: a namespace node's once its daemon wrote it into status.json; a VM's from the registry, the
    /// node whose interfaces carry one of the VM's MACs (the bridge zos takes the management NIC's MAC). Else null.
    /// </summary>
    public static string? NodeIdOf(LabNodeState node, IReadOnlyList<NodeView> registered) =>
        node.Vm is null ? ReadStatus(Path.Combine(node.StateDirectory, "status.json"))?.NodeId : ViewOf(node, registered)?.Id;

    private static NodeView? ViewOf(LabNodeState vm, IReadOnlyList<NodeView> registered)
    {
        var macs = vm.Macs.Select(Normalize).ToHashSet(StringComparer.Ordinal);
        return registered.FirstOrDefault(v => v.Interfaces.Any(i => macs.Contains(Normalize(i.Mac))));
    }

    private static string Normalize(string mac) => MacAddress.TryParse(mac, out var m) ? m.ToString() : mac;

    private static IReadOnlyList<LabNodeProgress> Rows(LabState state, IReadOnlyList<NodeView> all)
    {
        // A node waiting for the farmer's approval (its MAC not on the farm's list) is registered but not in the farm.
        var registered = all.Where(v => v.Enrollment is null).ToList();
        return [.. state.Nodes.Select(node => node.Vm is null ? NamespaceRow(node, registered) : VmRow(node, registered))];
    }

    /// <summary>A VM's row: powered off, booting (its console's last line as the problem column) or registered.</summary>
    private static LabNodeProgress VmRow(LabNodeState node, IReadOnlyList<NodeView> registered)
    {
        var view = ViewOf(node, registered);
        var alive = DetachedProcess.IsRunning(node.Pid);
        var phase = !alive ? "powered off"
            : view is not null ? $"registered ({view.Status.ToString().ToLowerInvariant()})"
            : node.Listed ? "booting" : "booting (MAC not on the farm's list)";
        var address = view?.Interfaces.FirstOrDefault(i => i.Name == "zos")?.Addresses.FirstOrDefault();
        return new LabNodeProgress(node.Label, phase, address, view?.Id, view is not null && alive,
            view is null ? LabVms.ConsoleTail(node.LogFile, 1).FirstOrDefault() : null)
        {
            Listed = node.Listed,
            ConsoleLog = node.LogFile,
        };
    }

    /// <summary>A namespace node's row: its daemon's phase from status.json, registered once the registry lists its id.</summary>
    private static LabNodeProgress NamespaceRow(LabNodeState node, IReadOnlyList<NodeView> registered)
    {
        var status = ReadStatus(Path.Combine(node.StateDirectory, "status.json"));
        var view = status?.NodeId is { } id ? registered.FirstOrDefault(v => v.Id == id) : null;
        var alive = DetachedProcess.IsRunning(node.Pid);
        var phase = !alive ? "daemon not running"
            : view is not null ? $"registered ({view.Status.ToString().ToLowerInvariant()})"
            : status is null ? "starting"
            : status.Phase.ToString();
        var network = LabNetworkStatus.Read(node.StateDirectory);
        var problem = status?.ParameterProblems.FirstOrDefault() ?? status?.LastError ?? status?.RegistryError ?? status?.Enrollment ?? network?.Problem;
        return new LabNodeProgress(node.Label, phase, status?.ZosAddresses.FirstOrDefault(), status?.NodeId, view is not null && alive, problem)
        {
            Network = network?.Summary,
            Listed = node.Listed,
        };
    }

    private static BringupStatus? ReadStatus(string file)
    {
        try
        {
            return File.Exists(file) ? BringupStatusJson.TryParse(File.ReadAllText(file)) : null;
        }
        catch (IOException)
        {
            return null; // being rewritten right now; the next poll reads it
        }
    }

    private static async Task<uint> RegisterFarmAsync(RegistryClient client, FarmDefinition farm, Func<FarmNode, bool> listed, CancellationToken ct)
    {
        var ips = (farm.Public?.Ipv4 ?? [])
            .Where(s => s.Subnet is not null && s.Gateway is not null)
            .SelectMany(s => s.AssignableAddresses().Select(a => new FarmIpAdd($"{a}/{s.Subnet!.Value.PrefixLength}", s.Gateway!.ToString())))
            .ToList();
        var prefixes = (farm.Public?.Ipv6 ?? []).Select(p => p.Prefix?.ToString()).OfType<string>().ToList();
        var created = await client.CreateFarmAsync(new FarmCreate(farm.Name, ips, prefixes,
            new FarmBootProfile(farm.Boot.RunMode?.ToString().ToLowerInvariant() ?? "dev", farm.Boot.KernelArgs ?? "")), ct).ConfigureAwait(false);
        foreach (var node in farm.Nodes)
        {
            if (node.ManagementNic?.Mac is { } mac && listed(node))
                await client.SetFarmMacAsync(created.Id, new BootMac(mac.ToString(), node.BootArgs ?? ""), ct).ConfigureAwait(false);
        }
        return created.Id;
    }

    /// <summary>The farmer sets each registered node's public config from the farm file, as the seed document asks.</summary>
    private async Task ApplyPublicConfigsAsync(RegistryClient client, LabPlan plan, LabState state, IReadOnlyList<NodeView> views, CancellationToken ct)
    {
        foreach (var node in plan.Nodes)
        {
            if (node.Node.PublicConfig is not { Ipv4: { } ip4, Gw4: { } gw4 } pc)
                continue;
            var lab = state.Nodes.First(n => n.Namespace == node.Namespace);
            if (NodeIdOf(lab, views) is not { } id)
                continue;
            var ipv6 = pc.Ipv6 is { } ip6 && pc.Gw6 is { } gw6 ? new PublicIpConfig(ip6.ToString(), gw6.ToString()) : null;
            try
            {
                await client.SetPublicConfigAsync(id, new PublicConfig(new PublicIpConfig(ip4.ToString(), gw4.ToString()), ipv6), ct).ConfigureAwait(false);
            }
            catch (RegistryException e)
            {
                observer.Step($"{node.Label}: public config refused by the registry: {e.Message}");
            }
        }
    }

    private static async Task WaitForRegistryAsync(HttpClient http, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            try
            {
                using var response = await http.GetAsync("api/v1/farms", ct).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                    return;
            }
            catch (Exception e) when (RegistryFailure.IsTransient(e, ct))
            {
                if (DateTime.UtcNow > deadline)
                    throw new InvalidOperationException($"the registry did not answer on {http.BaseAddress} within 60 s: {e.Message}", e);
            }
            await Task.Delay(200, ct).ConfigureAwait(false);
        }
    }

    private static string? MountNamespaceOf(int pid)
    {
        try
        {
            return new FileInfo($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/ns/mnt").LinkTarget;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // gone meanwhile
        }
    }

    private static bool IsLab(string ns) => ns.StartsWith(LabPlanner.Prefix, StringComparison.Ordinal);
}
