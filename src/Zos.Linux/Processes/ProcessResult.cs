namespace Zos.Linux.Processes;

/// <summary>The outcome of a one-shot helper run.</summary>
/// <param name="ExitCode">The exit code (128+N when killed by signal N, as a shell reports it).</param>
/// <param name="StdOut">Everything written to standard output.</param>
/// <param name="StdErr">Everything written to standard error.</param>
/// <param name="Elapsed">Wall time from start to exit.</param>
public sealed record ProcessResult(int ExitCode, string StdOut, string StdErr, TimeSpan Elapsed)
{
    /// <summary>True when the exit code is 0.</summary>
    public bool Succeeded => ExitCode == 0;
}
