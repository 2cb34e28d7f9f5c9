using System.Diagnostics;

namespace Zos.Testing.Farm;

/// <summary>Long-running helper programs (dnsmasq, radvd, the node daemon) started by a test and killed by it.</summary>
public sealed class HelperProcesses : IDisposable
{
    private readonly List<Process> _running = [];
    private readonly Lock _lock = new();

    /// <summary>Starts <paramref name="program"/>, stdout and stderr appended to <paramref name="logFile"/>.</summary>
    public Process Start(string program, IEnumerable<string> args, string logFile)
    {
        var psi = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        var p = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {program}");
        var log = new StreamWriter(logFile, append: true) { AutoFlush = true };
        var sync = new Lock();
        void Write(string? line)
        {
            if (line is null)
                return;
            lock (sync)
                log.WriteLine(line);
        }
        p.OutputDataReceived += (_, e) => Write(e.Data);
        p.ErrorDataReceived += (_, e) => Write(e.Data);
        p.Exited += (_, _) => { lock (sync) log.Flush(); };
        p.EnableRaisingEvents = true;
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        lock (_lock)
            _running.Add(p);
        return p;
    }

    /// <summary>Kills one process and its children (SIGKILL) and waits for it.</summary>
    public static void Kill(Process p)
    {
        try
        {
            if (!p.HasExited)
                p.Kill(entireProcessTree: true);
            p.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    public void Dispose()
    {
        List<Process> all;
        lock (_lock)
            all = [.. _running];
        foreach (var p in all)
        {
            Kill(p);
            p.Dispose();
        }
    }
}
