using System.Diagnostics;
using System.Text.Json;
using Zos.Core.Bringup;
using Zos.Node;
using Zos.Testing.Farm;

namespace Zos.Node.Tests.Farm;

/// <summary>
/// The real node daemon (the built CLI, <c>dotnet zos.dll node run</c>) inside the farm's node namespace, with a
/// private mount namespace whose /run/netns is a fresh tmpfs: its probe namespaces are invisible to the host and
/// to other nodes, as in the lab (`ip netns exec NODE unshare -m --propagation private ...`).
/// </summary>
internal sealed class NodeDaemonProcess : IDisposable
{
    private readonly TestFarm _farm;
    private Process? _process;

    public NodeDaemonProcess(TestFarm farm, string cmdline, string configJson)
    {
        _farm = farm;
        StateDirectory = Path.Combine(farm.WorkDir, "state");
        CmdlineFile = Path.Combine(farm.WorkDir, "cmdline");
        ConfigFile = Path.Combine(farm.WorkDir, "node.json");
        LogFile = Path.Combine(farm.WorkDir, "daemon.log");
        File.WriteAllText(CmdlineFile, cmdline);
        File.WriteAllText(ConfigFile, configJson);
    }

    public string StateDirectory { get; }

    public string CmdlineFile { get; }

    public string ConfigFile { get; }

    public string LogFile { get; }

    public DateTimeOffset StartedAt { get; private set; }

    public static string ZosDll
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Zos.slnx")))
                dir = dir.Parent;
            if (dir is null)
                throw new InvalidOperationException($"cannot find the repository root above {AppContext.BaseDirectory}");
#if DEBUG
            const string configuration = "Debug";
#else
            const string configuration = "Release";
#endif
            var dll = Path.Combine(dir.FullName, "src", "Zos.Cli", "bin", configuration, "net10.0", "zos.dll");
            return File.Exists(dll) ? dll : throw new InvalidOperationException($"the CLI is not built: {dll} is missing");
        }
    }

    /// <param name="extraArguments">More arguments of `zos node run` (e.g. --volatile-state), words without spaces.</param>
    public void Start(string extraArguments = "")
    {
        StartedAt = DateTimeOffset.UtcNow;
        var command = $"mount -t tmpfs zos-netns /run/netns && exec dotnet {ZosDll} node run --cmdline {CmdlineFile} --config {ConfigFile} --state {StateDirectory} {extraArguments}";
        _process = _farm.Helpers.Start("ip", ["netns", "exec", _farm.Node, "unshare", "-m", "--propagation", "private", "sh", "-c", command], LogFile);
    }

    /// <summary>SIGKILL to the daemon only (its udhcpc lives on, as after a crash).</summary>
    public void KillHard() => DaemonStateFiles.KillHard(_process);

    public bool HasExited => _process?.HasExited ?? true;

    public BringupStatus? Status => DaemonStateFiles.ReadBringupStatus(StateDirectory);

    public string Log => File.Exists(LogFile) ? File.ReadAllText(LogFile) : "";

    /// <summary>Waits for a status that satisfies <paramref name="condition"/>; the timeout message carries the daemon's log.</summary>
    public async Task<BringupStatus> WaitForStatusAsync(Func<BringupStatus, bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            if (Status is { } s && condition(s))
                return s;
            if (DateTimeOffset.UtcNow > deadline)
                throw new TimeoutException($"the daemon did not reach '{what}' within {timeout.TotalSeconds} s. Log:\n{Log}");
            if (HasExited)
                throw new InvalidOperationException($"the daemon exited before '{what}'. Log:\n{Log}");
            await Task.Delay(100);
        }
    }

    public void Dispose()
    {
        if (_process is not null)
            HelperProcesses.Kill(_process);
    }
}
