using System.Diagnostics;
using System.Text;
using Zos.Testing;

namespace Zos.Packaging.Tests;

/// <summary>
/// A service started the way systemd would start its unit, without systemd: the unit's User and Group (setpriv),
/// its AmbientCapabilities, its EnvironmentFile and Environment= lines and nothing else of ours (env -i), its
/// StateDirectory/CacheDirectory made as systemd makes them, working directory /, and ExecStart expanded by systemd's
/// rules. <paramref name="overrides"/> replaces variables of the environment file (loopback ports for the test).
/// Stopped with SIGTERM, as <c>systemctl stop</c> does.
/// </summary>
internal sealed class UnitProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private UnitProcess(Process process, IReadOnlyList<string> command)
    {
        _process = process;
        Command = command;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>ExecStart as expanded.</summary>
    public IReadOnlyList<string> Command { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    /// <param name="notifySocket">NOTIFY_SOCKET, as systemd sets it for a Type=notify unit.</param>
    public static UnitProcess Start(SystemdUnit unit, IReadOnlyDictionary<string, string> overrides, string notifySocket)
    {
        // What systemd gives every service of a User= (systemd.exec(5), "Environment Variables in Spawned Processes").
        var account = Sh.Run("getent", "passwd", unit.User).EnsureSuccess($"getent passwd {unit.User}").StdOut.Trim().Split(':');
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PATH"] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
            ["USER"] = unit.User,
            ["LOGNAME"] = unit.User,
            ["HOME"] = account[5],
            ["SHELL"] = account[6],
        };
        foreach (var file in unit.EnvironmentFiles)
        {
            foreach (var (key, value) in SystemdUnit.ReadEnvironmentFile(file.TrimStart('-')))
                environment[key] = value;
        }
        foreach (var (key, value) in unit.Environment)
            environment[key] = value;
        foreach (var (key, value) in overrides)
            environment[key] = value;
        environment["NOTIFY_SOCKET"] = notifySocket;
        foreach (var name in unit.StateDirectories)
            MakeServiceDirectory(Path.Combine("/var/lib", name), unit, unit.Value("StateDirectoryMode"));
        foreach (var name in unit.CacheDirectories)
            MakeServiceDirectory(Path.Combine("/var/cache", name), unit, unit.Value("CacheDirectoryMode"));

        var command = SystemdUnit.ExpandCommandLine(unit.ExecStart, environment);
        var psi = new ProcessStartInfo("setpriv")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = "/",
        };
        psi.ArgumentList.Add($"--reuid={unit.User}");
        psi.ArgumentList.Add($"--regid={unit.Group}");
        psi.ArgumentList.Add("--init-groups");
        if (unit.AmbientCapabilities.Count > 0)
        {
            var caps = string.Join(',', unit.AmbientCapabilities.Select(c => "+" + c));
            psi.ArgumentList.Add($"--inh-caps={caps}");
            psi.ArgumentList.Add($"--ambient-caps={caps}");
        }
        psi.ArgumentList.Add("--");
        psi.ArgumentList.Add("env");
        psi.ArgumentList.Add("-i");
        foreach (var (key, value) in environment)
            psi.ArgumentList.Add($"{key}={value}");
        foreach (var word in command)
            psi.ArgumentList.Add(word);
        var process = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {unit.Path}'s ExecStart");
        return new UnitProcess(process, command);
    }

    /// <summary>The user id the process runs as (setpriv and env exec, so the pid is the service's own).</summary>
    public string RealAndEffectiveUid() =>
        File.ReadAllLines($"/proc/{Pid}/status").Single(l => l.StartsWith("Uid:", StringComparison.Ordinal));

    /// <summary>SIGTERM, then the exit code (null when it had to be killed after <paramref name="grace"/>).</summary>
    public async Task<int?> StopAsync(TimeSpan grace)
    {
        if (_process.HasExited)
            return _process.ExitCode;
        Sh.Run("kill", "-TERM", Pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var timeout = new CancellationTokenSource(grace);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
            return _process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None);
            return null;
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        _process.Dispose();
    }

    private static void MakeServiceDirectory(string path, SystemdUnit unit, string? mode) =>
        Sh.Run("install", "-d", "-o", unit.User, "-g", unit.Group, "-m", mode ?? "0755", path).EnsureSuccess($"install -d {path}");

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_output)
            _output.AppendLine(line);
    }
}
