namespace Zos.Core.Reconcile;

/// <summary>The state after allocating keys, ports and leases for a desired state, or the errors that stopped it (then nothing changes).</summary>
public sealed record AllocationResult(NodeNetworkState State, IReadOnlyList<string> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}
