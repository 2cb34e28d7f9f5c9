using Zos.Core.Naming;

namespace Zos.Core.Reconcile.Operations;

/// <summary>Create b-&lt;netid&gt; in the host namespace, up: the workloads' links and the gateway macvlan hang on it.</summary>
public sealed record CreateBridge(NetId NetId) : ResourceOperation(NetId)
{
    private protected override string? ValueText() => NetId.BridgeName;
}
