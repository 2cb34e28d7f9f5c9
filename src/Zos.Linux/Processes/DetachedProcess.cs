using System.Diagnostics;
using System.Globalization;

namespace Zos.Linux.Processes;

/// <summary>
/// Daemons that outlive the command that started them (the lab's registry, boot servers and node daemons):
/// started in their own session (setsid), standard input from /dev/null, output appended to a log file.
/// Tracked by PID, so a later `zos lab down` (another process) can stop them.
/// </summary>
public static class DetachedProcess
{
    // Records the PID, then execs the program (ip netns exec, nsenter and unshare exec too), so the PID written
    // is the program's own. Arguments travel as "$@", never through the shell's parser.
    private const string Script = "pidfile=$1; log=$2; shift 2; echo $$ > \"$pidfile\"; exec \"$@\" </dev/null >>\"$log\" 2>&1";

    /// <summary>Starts <paramref name="launch"/> detached and returns the program's PID.</summary>
    public static async Task<int> StartAsync(HelperLaunch launch, string logFile, CancellationToken cancellationToken = default)
    {
        var inner = launch.ToStartInfo(redirectStdin: false);
        var pidFile = logFile + ".pid";
        File.Delete(pidFile);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(logFile))!);

        var psi = new ProcessStartInfo("setsid") { UseShellExecute = false };
        foreach (var a in (string[])["--fork", "sh", "-c", Script, "zos-daemon", pidFile, logFile, inner.FileName, .. inner.ArgumentList])
            psi.ArgumentList.Add(a);
        foreach (var (k, v) in launch.Environment)
            psi.Environment[k] = v;
        using (var setsid = Process.Start(psi) ?? throw new HelperProcessException($"cannot start {launch.Description} detached: setsid did not start"))
            await setsid.WaitForExitAsync(cancellationToken).ConfigureAwait(false);

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            if (File.Exists(pidFile) && int.TryParse((await File.ReadAllTextAsync(pidFile, cancellationToken).ConfigureAwait(false)).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
                return pid;
            await Task.Delay(20, cancellationToken).ConfigureAwait(false);
        }
        throw new HelperProcessException($"cannot start {launch.Description} detached: no PID within 10 s (see {logFile})");
    }

    /// <summary>True while a process with this PID exists (and is not a zombie).</summary>
    public static bool IsRunning(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            // Field 3 (after the parenthesised command name) is the state; Z is a zombie.
            var state = stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[0];
            return state != "Z";
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return true;
        }
    }

    /// <summary>SIGTERM, then SIGKILL after <paramref name="grace"/>; true when the process is gone.</summary>
    public static async Task<bool> StopAsync(int pid, TimeSpan grace, CancellationToken cancellationToken = default)
    {
        if (!IsRunning(pid))
            return true;
        ProcessSignals.Send(pid, ProcessSignals.SigTerm);
        var deadline = DateTime.UtcNow + grace;
        while (DateTime.UtcNow < deadline)
        {
            if (!IsRunning(pid))
                return true;
            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }
        ProcessSignals.Send(pid, ProcessSignals.SigKill);
        for (var i = 0; i < 40 && IsRunning(pid); i++)
            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        return !IsRunning(pid);
    }
}
