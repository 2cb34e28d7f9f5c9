using System.Globalization;
using Zos.Core.Reconcile;

namespace Zos.Node.Network;

/// <summary>
/// A test hook for crash-convergence tests: with <c>ZOS_TEST_CRASH_AT=N</c> in the environment the daemon kills
/// itself with SIGKILL just before its Nth kernel operation (counted from start), as a power cut or OOM kill would.
/// Inert unless the variable is set: <see cref="FromEnvironment"/> returns null and nothing is counted.
/// </summary>
public sealed class CrashPoint(int operation)
{
    public const string Variable = "ZOS_TEST_CRASH_AT";

    private int _count;

    /// <summary>The operation number at which the process dies (1-based).</summary>
    public int Operation { get; } = operation >= 1
        ? operation
        : throw new ArgumentOutOfRangeException(nameof(operation), operation, $"{Variable} must be 1 or more, not {operation}");

    /// <summary>Null unless <c>ZOS_TEST_CRASH_AT</c> holds a positive number; a malformed value is refused loudly.</summary>
    public static CrashPoint? FromEnvironment()
    {
        var text = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrEmpty(text))
            return null;
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1
            ? new CrashPoint(n)
            : throw new ArgumentException($"{Variable}='{text}' is not a positive operation number", Variable);
    }

    /// <summary>Counts <paramref name="op"/>; at the chosen one, writes a line to stderr and SIGKILLs the process.</summary>
    public void Reached(ReconcileOperation op)
    {
        if (Interlocked.Increment(ref _count) != Operation)
            return;
        Console.Error.WriteLine($"{Variable}={Operation}: killing the process before {op}");
        Console.Error.Flush();
        // Process.Kill on the current process sends SIGKILL: no finally blocks, no disposal, like a crash.
        System.Diagnostics.Process.GetCurrentProcess().Kill();
        Thread.Sleep(Timeout.Infinite);
    }
}
