using System.Diagnostics;

namespace Zos.Linux.Processes;

/// <summary>Runs one-shot tools (nft, wg, ip) to completion and captures their output.</summary>
public static class ProcessRunner
{
    /// <summary>Default time limit for one-shot tools.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Runs <paramref name="launch"/>, writing <paramref name="stdin"/> to its input, and returns its result whatever
    /// the exit code. Throws <see cref="HelperProcessException"/> when it cannot start or exceeds <paramref name="timeout"/>
    /// (the process tree is killed then).
    /// </summary>
    public static async Task<ProcessResult> RunAsync(HelperLaunch launch, string? stdin = null, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        var limit = timeout ?? DefaultTimeout;
        var started = Stopwatch.GetTimestamp();
        await using var process = HelperProcess.Start(launch, stdin);
        bool exited;
        try
        {
            exited = await process.WaitForExitAsync(limit, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await process.StopAsync(TimeSpan.Zero).ConfigureAwait(false);
            throw;
        }
        if (!exited)
        {
            await process.StopAsync(TimeSpan.Zero).ConfigureAwait(false);
            throw new HelperProcessException($"{launch.Description} did not finish within {limit.TotalSeconds:0.###} s and was killed");
        }
        return new ProcessResult(process.ExitCode, process.StdOut, process.StdErr, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>Like <see cref="RunAsync"/> but throws when the exit code is not 0, with the tool's error text.</summary>
    public static async Task<ProcessResult> RunCheckedAsync(HelperLaunch launch, string what, string? stdin = null,
        TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var result = await RunAsync(launch, stdin, timeout, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
            throw new HelperProcessException(
                $"{what}: {launch.Description} exited with code {result.ExitCode}: {FirstLines(result.StdErr.Length > 0 ? result.StdErr : result.StdOut)}");
        return result;
    }

    private static string FirstLines(string text)
    {
        var t = text.Trim();
        return t.Length <= 2000 ? t : t[..2000] + "...";
    }
}
