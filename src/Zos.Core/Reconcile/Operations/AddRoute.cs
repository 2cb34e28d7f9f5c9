using Zos.Core.Naming;

namespace Zos.Core.Reconcile.Operations;

/// <summary>Add a route the namespace lacks.</summary>
public sealed record AddRoute(NetId NetId, ResourceRoute Route) : ResourceOperation(NetId)
{
    private protected override string? LinkText() => Route.Device;

    private protected override string? ValueText() => Route.ToString();
}
