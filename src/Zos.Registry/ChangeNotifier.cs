using System.Collections.Concurrent;

namespace Zos.Registry;

/// <summary>Wakes long-polls waiting on a node's desired state when a write in this process moved its version.</summary>
public sealed class ChangeNotifier
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _waiters = new(StringComparer.Ordinal);

    /// <summary>A task that completes at the next <see cref="Signal"/> of <paramref name="nodeId"/>.</summary>
    public Task NextChange(string nodeId) =>
        _waiters.GetOrAdd(nodeId, static _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public void Signal(IEnumerable<string> nodeIds)
    {
        foreach (var id in nodeIds)
        {
            if (_waiters.TryRemove(id, out var tcs))
                tcs.TrySetResult();
        }
    }
}
