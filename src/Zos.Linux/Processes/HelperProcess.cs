using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using System.Threading.Channels;

namespace Zos.Linux.Processes;

/// <summary>
/// A running helper program (wireguard-go, udhcpc, dnsmasq, ...) started from a <see cref="HelperLaunch"/>.
/// Standard output lines are delivered on <see cref="StdOutLines"/> and kept (bounded) with standard error for
/// error messages. <see cref="DisposeAsync"/> stops the process tree (SIGTERM, then SIGKILL after a grace period)
/// and waits for it, so nothing is left running and no zombie remains (the runtime reaps its children).
/// </summary>
public sealed class HelperProcess : IAsyncDisposable
{
    private const int MaxKeptChars = 256 * 1024;
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleWriter = true });
    private readonly TaskCompletionSource _stdoutClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _stderrClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private HelperProcess(HelperLaunch launch, Process process)
    {
        Launch = launch;
        _process = process;
    }

    /// <summary>What was started.</summary>
    public HelperLaunch Launch { get; }

    /// <summary>The PID of the program itself (ip netns exec and nsenter exec it, they do not fork).</summary>
    public int Id => _process.Id;

    /// <summary>True once the process has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>The exit code; only valid after exit.</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>Standard output, one line at a time; completes when the process closes its output.</summary>
    public ChannelReader<string> StdOutLines => _lines.Reader;

    /// <summary>Standard output so far (the last 256 KiB at most).</summary>
    public string StdOut { get { lock (_stdout) return _stdout.ToString(); } }

    /// <summary>Standard error so far (the last 256 KiB at most).</summary>
    public string StdErr { get { lock (_stderr) return _stderr.ToString(); } }

    /// <summary>Starts the program. Throws <see cref="HelperProcessException"/> naming program and namespace when it cannot start.</summary>
    public static HelperProcess Start(HelperLaunch launch, string? stdin = null)
    {
        var psi = launch.ToStartInfo(redirectStdin: stdin is not null);
        var process = new Process { StartInfo = psi, EnableRaisingEvents = true };
        var helper = new HelperProcess(launch, process);
        process.OutputDataReceived += (_, e) => helper.OnLine(e.Data, isStdOut: true);
        process.ErrorDataReceived += (_, e) => helper.OnLine(e.Data, isStdOut: false);
        try
        {
            if (!process.Start())
                throw new HelperProcessException($"cannot start {launch.Description}: the process did not start");
        }
        catch (Win32Exception e)
        {
            process.Dispose();
            throw new HelperProcessException($"cannot start {launch.Description}: {e.Message}", e);
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (stdin is not null)
        {
            try
            {
                process.StandardInput.Write(stdin);
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // The program exited before reading its input; the exit code and stderr tell why.
            }
        }
        return helper;
    }

    private void OnLine(string? line, bool isStdOut)
    {
        if (line is null)
        {
            if (isStdOut)
            {
                _lines.Writer.TryComplete();
                _stdoutClosed.TrySetResult();
            }
            else
            {
                _stderrClosed.TrySetResult();
            }
            return;
        }
        var sb = isStdOut ? _stdout : _stderr;
        lock (sb)
        {
            if (sb.Length > MaxKeptChars)
                sb.Remove(0, sb.Length - MaxKeptChars / 2);
            sb.Append(line).Append('\n');
        }
        if (isStdOut)
            _lines.Writer.TryWrite(line);
    }

    /// <summary>Waits for exit and for the output to be fully read. Returns false when <paramref name="timeout"/> passed first.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
            await Task.WhenAll(_stdoutClosed.Task, _stderrClosed.Task).WaitAsync(cts.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Sends a signal to the program (not its children). False when it has already exited.</summary>
    public bool Signal(int signal) => !_process.HasExited && ProcessSignals.Send(_process.Id, signal);

    /// <summary>Sends SIGUSR1 (udhcpc: renew the lease).</summary>
    public bool SignalUser1() => Signal(ProcessSignals.SigUsr1);

    /// <summary>
    /// Stops the program: SIGTERM, then after <paramref name="grace"/> SIGKILL to the whole tree, and waits until it
    /// has been reaped. Safe to call more than once.
    /// </summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (_process.HasExited)
        {
            await WaitForExitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            return;
        }
        Signal(ProcessSignals.SigTerm);
        if (await WaitForExitAsync(grace).ConfigureAwait(false))
            return;
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Exited between the check and the kill.
        }
        await WaitForExitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
    }

    /// <summary>Stops the process (2 s grace) and releases it.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
        _process.Dispose();
    }
}
