using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Zos.Testing;

/// <summary>
/// A running qemu-system-x86_64 (TCG, no display, -no-reboot) whose serial console is followed line by line into a log
/// file, so a test can wait for what the machine prints and keep the log when it fails. Disposing kills qemu (power
/// loss) if it still runs.
/// </summary>
public sealed partial class QemuMachine : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _console = new();
    private readonly Lock _lock = new();
    private readonly Task _pump;
    private readonly StreamWriter _log;

    private QemuMachine(Process process, string logPath)
    {
        _process = process;
        LogPath = logPath;
        _log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        _pump = Task.WhenAll(Pump(process.StandardOutput), Pump(process.StandardError));
    }

    /// <summary>Where the console is written (kept after the test).</summary>
    public string LogPath { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>Everything the console printed so far, ANSI escapes and carriage returns removed.</summary>
    public string Console
    {
        get
        {
            lock (_lock)
                return _console.ToString();
        }
    }

    /// <summary>Starts qemu (inside <paramref name="netns"/> when given) with <paramref name="args"/> after the fixed ones.</summary>
    public static QemuMachine Start(string logPath, IEnumerable<string> args, string? netns = null, int memoryMiB = 512)
    {
        var psi = new ProcessStartInfo(netns is null ? "qemu-system-x86_64" : "ip")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (netns is not null)
        {
            foreach (var a in (string[])["netns", "exec", netns, "qemu-system-x86_64"])
                psi.ArgumentList.Add(a);
        }
        foreach (var a in new[] { "-machine", "pc", "-accel", "tcg", "-m", memoryMiB.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "-display", "none", "-serial", "stdio", "-monitor", "none", "-no-reboot",
                     // A hardware RNG, as real servers have (RDRAND); see Zos.Lab's QemuCommand.
                     "-device", "virtio-rng-pci" }.Concat(args))
            psi.ArgumentList.Add(a);
        File.AppendAllText(logPath, $"# {psi.FileName} {string.Join(' ', psi.ArgumentList)}\n");
        return new QemuMachine(Process.Start(psi) ?? throw new InvalidOperationException("cannot start qemu-system-x86_64"), logPath);
    }

    /// <summary>Waits until the console matches <paramref name="pattern"/>; fails the test with the log's path on timeout or exit.</summary>
    public async Task<Match> WaitForAsync(Regex pattern, TimeSpan timeout, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var match = pattern.Match(Console);
            if (match.Success)
                return match;
            if (_process.HasExited || deadline.Elapsed > timeout)
            {
                var why = _process.HasExited ? $"qemu exited ({_process.ExitCode})" : $"not within {timeout.TotalSeconds:0} s";
                throw new Xunit.Sdk.XunitException($"{what}: {why}; console log {LogPath}; its end:\n{Tail(Console, 3000)}");
            }
            await Task.Delay(200);
        }
    }

    /// <summary>Waits for qemu to end by itself (a guest reboot or poweroff with -no-reboot).</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        await _pump;
        await _log.DisposeAsync();
        _process.Dispose();
    }

    private async Task Pump(StreamReader reader)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            var clean = Ansi().Replace(line, "").Replace("\r", "", StringComparison.Ordinal).Replace("\b", "", StringComparison.Ordinal);
            lock (_lock)
                _console.Append(clean).Append('\n');
            await _log.WriteLineAsync(clean);
        }
    }

    private static string Tail(string text, int chars) => text.Length <= chars ? text : text[^chars..];

    [GeneratedRegex(@"\x1b(\[[0-9;?=]*[a-zA-Z]|c)")]
    private static partial Regex Ansi();
}
