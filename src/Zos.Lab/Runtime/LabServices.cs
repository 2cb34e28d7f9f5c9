using System.Globalization;
using System.Net;
using System.Text;
using Zos.Core.Farms;
using Zos.Core.Router;
using Zos.Lab.Topology;
using Zos.Linux.Namespaces;
using Zos.Linux.Processes;
using Zos.Linux.Sysctl;
using Zos.Protocols.Ipxe;

namespace Zos.Lab.Runtime;

/// <summary>
/// Starts the lab's real programs: router configuration and radvd, the farms' boot servers (our DHCP, TFTP and
/// HTTP) and home routers' DHCP (dnsmasq), the registry and the node daemons, each detached and recorded with its PID.
/// </summary>
public sealed class LabServices(LabPaths paths, ZosCommand zos, Action<LabProcess> record)
{
    // Each node gets a private mount namespace with its own /run/netns (its probe and network-resource namespaces)
    // and /run/wireguard, so two nodes never see each other's names (DESIGN.md "Test hosts"). A holder process keeps
    // it alive, so a killed and restarted daemon finds its namespaces again, as a real node's daemon would.
    private const string NodeMounts =
        "mkdir -p /run/netns /run/wireguard && mount -t tmpfs zos-netns /run/netns && mount -t tmpfs zos-wg /run/wireguard && exec sleep infinity";

    /// <summary>Applies exactly the router-config files in the router namespace, then starts radvd when there is a radvd.conf.</summary>
    public async Task ConfigureRouterAsync(LabRouter router, CancellationToken ct)
    {
        var dir = Path.Combine(paths.FarmDirectory(router.Farm), "router");
        Directory.CreateDirectory(dir);
        foreach (var (name, content) in router.Config.ToFiles())
            await File.WriteAllTextAsync(Path.Combine(dir, name), content, ct).ConfigureAwait(false);

        await ProcessRunner.RunCheckedAsync(new HelperLaunch("ip", ["-batch", Path.Combine(dir, RouterConfigFiles.AddressesFile)], router.Namespace),
            $"apply {RouterConfigFiles.AddressesFile} of farm {router.Farm}", cancellationToken: ct).ConfigureAwait(false);
        using (var ns = NetworkNamespace.Open(router.Namespace))
        {
            foreach (var (key, value) in ParseSysctl(router.Config.Sysctl))
                NamespaceSysctl.Write(ns, key, value);
        }
        await ProcessRunner.RunCheckedAsync(new HelperLaunch("nft", ["-f", Path.Combine(dir, RouterConfigFiles.NftablesFile)], router.Namespace),
            $"apply {RouterConfigFiles.NftablesFile} of farm {router.Farm}", cancellationToken: ct).ConfigureAwait(false);
        if (router.Config.Radvd is not null)
        {
            var log = paths.Log($"radvd-{router.Namespace}");
            await StartAsync("radvd", router.Namespace, new HelperLaunch("radvd",
                ["-n", "-C", Path.Combine(dir, RouterConfigFiles.RadvdFile), "-p", Path.Combine(dir, "radvd.pid"), "-m", "stderr"], router.Namespace), log, ct).ConfigureAwait(false);
        }
    }

    /// <summary>The registry in the host namespace, on 127.0.0.1 (Cockpit) and on the lab's uplink address (nodes).</summary>
    public async Task<string> StartRegistryAsync(LabPlan plan, LabUpOptions options, CancellationToken ct)
    {
        var port = options.RegistryPort.ToString(CultureInfo.InvariantCulture);
        var urls = $"http://127.0.0.1:{port};http://{plan.RegistryAddress.Address}:{port}";
        await StartAsync("registry", null, new HelperLaunch(zos.Program, zos.Arguments("registry", "serve", "--data", paths.RegistryData,
            "--urls", urls, "--heartbeat-interval", options.HeartbeatSeconds.ToString(CultureInfo.InvariantCulture),
            // Lab farms use the documentation ranges as their public space (the registry refuses them otherwise).
            "--allow-documentation-ranges")), paths.Log("registry"), ct).ConfigureAwait(false);
        return $"http://{plan.RegistryAddress.Address}:{port}";
    }

    /// <summary>
    /// A DHCP server that is not a boot server (a home router's LAN): dnsmasq, as such routers run, with the
    /// nodes' MAC reservations.
    /// </summary>
    public async Task StartRouterDhcpAsync(LabDhcpServer dhcp, FarmDefinition farm, CancellationToken ct)
    {
        var dir = paths.FarmDirectory(farm.Name);
        Directory.CreateDirectory(dir);
        var args = new List<string>
        {
            "--keep-in-foreground", "--no-resolv", "--port=0", "-u", "root", $"--interface={dhcp.Interface}", "--bind-interfaces",
            "--except-interface=lo", "--no-ping", "--dhcp-authoritative",
            $"--dhcp-range={dhcp.RangeStart},{dhcp.RangeEnd},{Mask(dhcp.Subnet)},1h",
            $"--dhcp-option=option:router,{dhcp.Router}",
            $"--dhcp-option=option:dns-server,{string.Join(',', dhcp.Dns)}",
            $"--dhcp-leasefile={Path.Combine(dir, "dhcp.leases")}",
        };
        args.AddRange(dhcp.Reservations.Select(r => $"--dhcp-host={r.Key},{r.Value}"));
        await StartAsync("dhcp", dhcp.Namespace, new HelperLaunch("dnsmasq", args, dhcp.Namespace), paths.Log($"dhcp-{dhcp.Namespace}"), ct).ConfigureAwait(false);
    }

    /// <summary>
    /// The farm's boot server: `zos boot serve` with our own DHCP (the nodes' management addresses reserved by MAC
    /// from the farm's MAC list), TFTP for the iPXE loaders and HTTP for the per-MAC scripts, one process.
    /// </summary>
    /// <param name="registryUrl">The registry as the farm reaches it: the boot server posts its boot steps there (the
    /// Cockpit's "Booting" panel), signed with the lab farmer's key, and tells the nodes about it.</param>
    /// <param name="image">For a farm with VM nodes: the image they boot; null otherwise.</param>
    /// <param name="listed">Whether a node's MAC is on the farm's list (null: every node's is).</param>
    public async Task StartBootServerAsync(LabDhcpServer dhcp, FarmDefinition farm, uint farmId, string registryUrl, LabBootImage? image, Func<FarmNode, bool>? listed,
        CancellationToken ct)
    {
        var dir = paths.FarmDirectory(farm.Name);
        Directory.CreateDirectory(dir);
        var config = Path.Combine(dir, "boot.yaml");
        await File.WriteAllTextAsync(config, BootConfig(farm, farmId, dhcp, image, listed), ct).ConfigureAwait(false);
        // The boot server signs its reports as the farm's owner: the lab farmer's key, in a config directory of its own.
        var account = Path.Combine(dir, "boot-account");
        Directory.CreateDirectory(account);
        File.Copy(paths.AccountKey, Path.Combine(account, "account.key"), overwrite: true);
        string[] imageArgs = image is null ? [] : ["--image", image.Directory];
        await StartAsync("boot", dhcp.Namespace, new HelperLaunch(zos.Program, zos.Arguments(["boot", "serve", "--config", config,
            "--interface", dhcp.Interface, "--dhcp", "--lease-file", Path.Combine(dir, "dhcp.leases"), "--http", "http://0.0.0.0:8080",
            "--registry", registryUrl, "--farm", farmId.ToString(CultureInfo.InvariantCulture), .. imageArgs]), dhcp.Namespace)
        {
            Environment = new Dictionary<string, string> { ["ZOS_CONFIG_DIR"] = account },
        }, paths.Log($"boot-{dhcp.Namespace}"), ct).ConfigureAwait(false);
    }

    /// <summary>Starts the real node daemon in the node's namespace with the kernel command line the boot server gives it.</summary>
    public async Task<LabNodeState> StartNodeAsync(LabNode node, uint farmId, string registryUrl, LabUpOptions options, CancellationToken ct)
    {
        var dir = paths.NodeDirectory(node.Namespace);
        Directory.CreateDirectory(Path.Combine(dir, "state"));
        await File.WriteAllTextAsync(Path.Combine(dir, "cmdline"), KernelCommandLine(node, farmId, registryUrl) + "\n", ct).ConfigureAwait(false);
        // Lab NICs are veths; heartbeats are frequent so the Cockpit shows a killed node as down within seconds.
        await File.WriteAllTextAsync(Path.Combine(dir, "config.json"),
            $$"""{ "physicalKinds": ["veth"], "heartbeatIntervalSeconds": {{options.HeartbeatSeconds}} }""", ct).ConfigureAwait(false);
        var holder = await StartMountHolderAsync(node.Namespace, ct).ConfigureAwait(false);
        var (pid, log) = await LaunchNodeAsync(node.Namespace, holder, ct).ConfigureAwait(false);
        return new LabNodeState(node.Label, node.Farm.Name, node.Namespace, Path.Combine(dir, "state"), log, pid,
            [.. node.Node.Nics.Select(n => n.Mac?.ToString()).OfType<string>()], holder);
    }

    /// <summary>
    /// Starts the node daemon again with the command line, config and state directory it had, in the same mount
    /// namespace (a daemon restart on a real node keeps /run): it finds its identity, namespaces and networks there.
    /// </summary>
    public async Task<LabNodeState> RestartNodeAsync(LabNodeState node, CancellationToken ct)
    {
        var holder = node.MountHolder > 0 && DetachedProcess.IsRunning(node.MountHolder)
            ? node.MountHolder
            : await StartMountHolderAsync(node.Namespace, ct).ConfigureAwait(false);
        var (pid, _) = await LaunchNodeAsync(node.Namespace, holder, ct).ConfigureAwait(false);
        return node with { Pid = pid, MountHolder = holder };
    }

    private async Task<int> StartMountHolderAsync(string nodeNamespace, CancellationToken ct)
    {
        var pid = await StartAsync("mounts", nodeNamespace, new HelperLaunch("unshare", ["-m", "--propagation", "private", "sh", "-c", NodeMounts], nodeNamespace),
            paths.Log($"mounts-{nodeNamespace}"), ct).ConfigureAwait(false);
        // The mounts are made once the holder has exec'd sleep.
        for (var i = 0; i < 200; i++)
        {
            if (ReadComm(pid) == "sleep")
                return pid;
            await Task.Delay(25, ct).ConfigureAwait(false);
        }
        throw new InvalidOperationException($"node {nodeNamespace}: its mount namespace was not ready within 5 s (see {paths.Log($"mounts-{nodeNamespace}")})");
    }

    private static string? ReadComm(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/comm").Trim();
        }
        catch (IOException)
        {
            return null;
        }
    }

    private async Task<(int Pid, string Log)> LaunchNodeAsync(string nodeNamespace, int mountHolder, CancellationToken ct)
    {
        var dir = paths.NodeDirectory(nodeNamespace);
        var log = paths.Log($"node-{nodeNamespace}");
        // nsenter execs the daemon (no --fork is needed for mount and network namespaces), so the PID is the daemon's.
        var launch = new HelperLaunch("nsenter", ["-t", mountHolder.ToString(CultureInfo.InvariantCulture), "-m", "-n", "--",
            zos.Program, .. zos.Arguments("node", "run", "--cmdline", Path.Combine(dir, "cmdline"), "--config", Path.Combine(dir, "config.json"),
                "--state", Path.Combine(dir, "state"))]);
        return (await StartAsync("node", nodeNamespace, launch, log, ct).ConfigureAwait(false), log);
    }

    /// <summary>The command line a node boots with: what the boot server's iPXE script passes, plus the registry.</summary>
    public static string KernelCommandLine(LabNode node, uint farmId, string registryUrl)
    {
        var extra = new[] { node.Farm.Boot.KernelArgs, node.Node.BootArgs }
            .SelectMany(a => (a ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries));
        var target = new IpxeBootTarget
        {
            KernelUrl = "http://boot/kernel/zos.efi",
            Runmode = node.Farm.Boot.RunMode?.ToString().ToLowerInvariant() ?? "dev",
            FarmId = farmId,
            ExtraArguments = [.. extra],
        };
        return $"{target.CommandLine} {LabPlanner.ProbeArgument} zos-registry={registryUrl}";
    }

    /// <summary>The boot server's configuration: the farm's boot profile, its MAC list with reservations, and the LAN DHCP serves.</summary>
    /// With an <paramref name="image"/> (a farm with VM nodes) the profile boots the node image with the farm's
    /// arguments, the registry and <see cref="LabBootImage.VmArguments"/>; unlisted nodes are left off the MAC list.
    public static string BootConfig(FarmDefinition farm, uint farmId, LabDhcpServer dhcp, LabBootImage? image = null, Func<FarmNode, bool>? listed = null)
    {
        var sb = new StringBuilder();
        var runmode = farm.Boot.RunMode?.ToString().ToLowerInvariant() ?? "dev";
        sb.Append(CultureInfo.InvariantCulture, $"farmId: {farmId}\n");
        if (image is null)
        {
            sb.Append(CultureInfo.InvariantCulture, $"profile: {{ runmode: {runmode}, kernel: zos.efi }}\n");
        }
        else
        {
            var args = (farm.Boot.KernelArgs ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Append($"zos-registry={image.RegistryUrl}").Append(LabPlanner.ProbeArgument).Concat(LabBootImage.VmArguments);
            sb.Append(CultureInfo.InvariantCulture, $"profile: {{ runmode: {runmode}, kernel: {LabBootImage.Kernel}, initrd: {LabBootImage.Initrd}, ");
            sb.Append(CultureInfo.InvariantCulture, $"args: [{string.Join(", ", args.Select(a => $"\"{a}\""))}] }}\n");
        }
        sb.Append("unknownMacs: ignore\n");
        sb.Append(CultureInfo.InvariantCulture, $"dhcp: {{ subnet: {dhcp.Subnet}, poolStart: {dhcp.RangeStart}, poolEnd: {dhcp.RangeEnd}, router: {dhcp.Router}, ");
        sb.Append(CultureInfo.InvariantCulture, $"dns: [{string.Join(", ", dhcp.Dns)}], leaseSeconds: 3600 }}\n");
        sb.Append("nodes:\n");
        foreach (var node in farm.Nodes)
        {
            if (node.ManagementNic?.Mac is not { } mac || listed?.Invoke(node) == false)
                continue;
            sb.Append(CultureInfo.InvariantCulture, $"  - mac: \"{mac}\"\n    name: {node.Name}\n");
            if (node.BootArgs is { Length: > 0 } args)
                sb.Append(CultureInfo.InvariantCulture, $"    args: [{string.Join(", ", args.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(a => $"\"{a}\""))}]\n");
            if (dhcp.Reservations.TryGetValue(mac, out var ip))
                sb.Append(CultureInfo.InvariantCulture, $"    managementIp: {ip}\n");
        }
        return sb.ToString();
    }

    private async Task<int> StartAsync(string role, string? ns, HelperLaunch launch, string log, CancellationToken ct)
    {
        var pid = await DetachedProcess.StartAsync(launch, log, ct).ConfigureAwait(false);
        record(new LabProcess(role, ns, pid, log));
        return pid;
    }

    private static IEnumerable<(string Key, string Value)> ParseSysctl(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => !l.StartsWith('#'))
            .Select(l => l.Split('=', 2, StringSplitOptions.TrimEntries))
            .Where(p => p.Length == 2)
            .Select(p => (p[0], p[1]));

    private static IPAddress Mask(IPNetwork subnet) =>
        Zos.Core.Primitives.IpMath.FromUInt32(subnet.PrefixLength == 0 ? 0 : uint.MaxValue << (32 - subnet.PrefixLength));
}
