using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Zos.Core.Bringup;
using Zos.Core.Contracts;
using Zos.Node.Network;
using Zos.Node.Tests.Farm;
using Zos.Testing;
using Zos.Testing.Farm;

namespace Zos.Node.Tests.Mesh;

/// <summary>
/// One node of a <see cref="MeshFarm"/>: the real <c>zos node run</c> in the node's namespace with a private mount
/// namespace whose /run/netns is a fresh tmpfs (its n-*, ndmz and workload namespaces are its own). Commands that
/// must see those namespaces run through <c>nsenter</c> into the node's mount and network namespaces.
/// </summary>
internal sealed class MeshNode : IDisposable
{
    private static readonly string s_config = JsonSerializer.Serialize(new
    {
        physicalKinds = new[] { "veth" },
        heartbeatIntervalSeconds = 2,
        backoffInitialSeconds = 0.3,
        backoffMaxSeconds = 2,
        connectTimeoutSeconds = 1,
    });

    private readonly MeshFarm _farm;
    private readonly IReadOnlyDictionary<string, string>? _environment;
    private Process? _process;
    private Process? _holder;
    private int _starts;

    public MeshNode(MeshFarm farm, string ns, string workDir, IReadOnlyDictionary<string, string>? environment, uint? farmId = null, string? farmToken = null)
    {
        _farm = farm;
        _environment = environment;
        Namespace = ns;
        WorkDir = workDir;
        Directory.CreateDirectory(workDir);
        StateDirectory = Path.Combine(workDir, "state");
        File.WriteAllText(Path.Combine(workDir, "cmdline"), $"{(farmId is { } f ? $"farmer_id={f} " : "")}{(farmToken is null ? "" : $"zos-farm-token={farmToken} ")}runmode=dev zos-registry={MeshFarm.RegistryUrl} zos-probe={MeshFarm.RegistryAddress}:9\n");
        File.WriteAllText(Path.Combine(workDir, "node.json"), s_config);
    }

    public string Namespace { get; }

    public string WorkDir { get; }

    public string StateDirectory { get; }

    public string LogFile => Path.Combine(WorkDir, $"daemon-{_starts}.log");

    public int Pid => _process?.Id ?? throw new InvalidOperationException("the daemon is not started");

    public bool HasExited => _process?.HasExited ?? true;

    public string Log => File.Exists(LogFile) ? File.ReadAllText(LogFile) : "";

    /// <summary>Starts the daemon; <paramref name="crashAt"/> asks it (--test-kill-before-operation) to SIGKILL itself before that kernel operation.</summary>
    public void Start(int? crashAt = null)
    {
        _starts++;
        var holder = EnsureHolder();
        var args = new List<string> { "-t", holder.ToString(CultureInfo.InvariantCulture), "-m", "-n", "env" };
        if (_environment is not null)
            args.AddRange(_environment.Select(kv => $"{kv.Key}={kv.Value}"));
        args.AddRange(["dotnet", NodeDaemonProcess.ZosDll, "node", "run", "--cmdline", Path.Combine(WorkDir, "cmdline"),
            "--config", Path.Combine(WorkDir, "node.json"), "--state", StateDirectory]);
        if (crashAt is { } n)
            args.AddRange([KillBeforeOperation.Option, n.ToString(CultureInfo.InvariantCulture)]);
        _process = _farm.Helpers.Start("nsenter", args, LogFile);
    }

    /// <summary>
    /// The node's mount namespace outlives daemon restarts, as /run/netns does on a real node: a holder process
    /// ("sleep infinity") owns a private mount namespace with a fresh tmpfs on /run/netns, and every daemon enters it.
    /// </summary>
    private int EnsureHolder()
    {
        if (_holder is { HasExited: false })
            return _holder.Id;
        _holder = _farm.Helpers.Start("ip",
            ["netns", "exec", Namespace, "unshare", "-m", "--propagation", "private", "sh", "-c", "mount -t tmpfs zos-netns /run/netns && exec sleep infinity"],
            Path.Combine(WorkDir, "holder.log"));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!File.ReadAllText($"/proc/{_holder.Id}/mounts").Contains("zos-netns /run/netns", StringComparison.Ordinal))
        {
            if (DateTime.UtcNow > deadline || _holder.HasExited)
                throw new InvalidOperationException($"the mount namespace holder of {Namespace} did not start: {File.ReadAllText(Path.Combine(WorkDir, "holder.log"))}");
            Thread.Sleep(20);
        }
        return _holder.Id;
    }

    /// <summary>SIGKILL to the daemon only: its wireguard-go and udhcpc children live on, as after a crash.</summary>
    public void KillHard() => DaemonStateFiles.KillHard(_process);

    /// <summary>Waits until the daemon exits by itself (a crash hook); false on timeout.</summary>
    public bool WaitForExit(TimeSpan timeout) => _process is null || _process.WaitForExit(timeout);

    public BringupStatus? Status => DaemonStateFiles.ReadBringupStatus(StateDirectory);

    public NetworkStatus? NetworkStatus => DaemonStateFiles.ReadNetworkStatus(StateDirectory);

    /// <summary>The node id once the daemon is registered.</summary>
    public async Task<string> WaitRegisteredAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (Status is { Registered: true, NodeId: { } id })
                return id;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"node {Namespace} did not register within {timeout.TotalSeconds} s. Log:\n{Log}");
            if (HasExited)
                throw new InvalidOperationException($"the daemon of {Namespace} exited. Log:\n{Log}");
            await Task.Delay(200);
        }
    }

    /// <summary>Runs a command in the node's mount and network namespaces.</summary>
    public ShResult Enter(params string[] command) => Sh.Run("nsenter",
        ["-t", EnsureHolder().ToString(CultureInfo.InvariantCulture), "-m", "-n", .. command], TimeSpan.FromSeconds(60));

    /// <summary>Runs a command inside namespace <paramref name="ns"/> as this node's mount namespace names it.</summary>
    public ShResult InNodeNs(string ns, params string[] command) => Enter(["ip", "netns", "exec", ns, .. command]);

    /// <summary>Creates a workload namespace and plugs it into <paramref name="network"/> with <c>zos node attach</c>.</summary>
    public void AddWorkload(string ns, string network, string ip)
    {
        Enter("ip", "netns", "add", ns).EnsureSuccess($"ip netns add {ns} on {Namespace}");
        Enter("dotnet", NodeDaemonProcess.ZosDll, "node", "attach", "--network", network, "--ip", ip, "--netns", ns, "--state", StateDirectory)
            .EnsureSuccess($"zos node attach {network} {ip} on {Namespace}");
    }

    /// <summary>Namespaces the daemon's mount namespace lists.</summary>
    public IReadOnlyList<string> NamespaceNames() =>
        [.. Enter("ip", "netns", "list").EnsureSuccess("ip netns list").StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')[0])];

    /// <summary>wireguard-go processes running in this node's network namespace.</summary>
    public int WireGuardProcesses() => Sh.Run("ip", "netns", "pids", Namespace).StdOut
        .Split('\n', StringSplitOptions.RemoveEmptyEntries)
        .Count(pid => File.Exists($"/proc/{pid.Trim()}/comm") && File.ReadAllText($"/proc/{pid.Trim()}/comm").Trim() == "wireguard-go");

    public void Dispose()
    {
        if (_process is not null)
            HelperProcesses.Kill(_process);
        if (_holder is not null)
            HelperProcesses.Kill(_holder);
    }
}
