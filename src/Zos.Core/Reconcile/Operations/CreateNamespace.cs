using Zos.Core.Naming;

namespace Zos.Core.Reconcile.Operations;

/// <summary>Create n-&lt;netid&gt; with forwarding on and its loopback up.</summary>
public sealed record CreateNamespace(NetId NetId) : ResourceOperation(NetId)
{
    private protected override string? ValueText() => NetId.NamespaceName;
}
