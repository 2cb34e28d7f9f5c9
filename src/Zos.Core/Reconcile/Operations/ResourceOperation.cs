using Zos.Core.Naming;

namespace Zos.Core.Reconcile.Operations;

/// <summary>A step on one network resource: everything it touches is named after <see cref="NetId"/>.</summary>
public abstract record ResourceOperation : ReconcileOperation
{
    private protected ResourceOperation(NetId netId) => NetId = netId;

    public NetId NetId { get; }

    private protected sealed override string NetIdText() => NetId.Value;
}
