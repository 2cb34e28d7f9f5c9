using Zos.Core.Reconcile.Operations;

namespace Zos.Node.Network;

/// <summary>
/// The crash-convergence tests' fault: the daemon kills itself with SIGKILL just before its Nth kernel operation
/// (counted from start), as a power cut or an OOM kill would. Composed only from <c>run --test-kill-before-operation N</c>
/// on a test node (one that reads its command line from a file); see <see cref="NodeRunOptions"/>.
/// </summary>
public sealed class KillBeforeOperation(int operation) : IFaultInjector
{
    /// <summary>The hidden option of <c>run</c> that asks for this fault.</summary>
    public const string Option = "--test-kill-before-operation";

    private int _count;

    /// <summary>The operation number at which the process dies (1-based).</summary>
    public int Operation { get; } = operation >= 1
        ? operation
        : throw new ArgumentOutOfRangeException(nameof(operation), operation, $"{Option} must be 1 or more, not {operation}");

    /// <summary>Counts <paramref name="operation"/>; at the chosen one, writes a line to stderr and SIGKILLs the process.</summary>
    public void BeforeOperation(ReconcileOperation operation)
    {
        if (Interlocked.Increment(ref _count) != Operation)
            return;
        Console.Error.WriteLine($"{Option} {Operation}: killing the process before {operation}");
        Console.Error.Flush();
        // Process.Kill on the current process sends SIGKILL: no finally blocks, no disposal, like a crash.
        System.Diagnostics.Process.GetCurrentProcess().Kill();
        Thread.Sleep(Timeout.Infinite);
    }
}
