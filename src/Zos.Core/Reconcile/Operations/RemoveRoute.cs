using Zos.Core.Naming;

namespace Zos.Core.Reconcile.Operations;

/// <summary>Remove a route the namespace must not have (a peer's prefix gone from the desired state, a foreign route).</summary>
public sealed record RemoveRoute(NetId NetId, ResourceRoute Route) : ResourceOperation(NetId)
{
    private protected override string? LinkText() => Route.Device;

    private protected override string? ValueText() => Route.ToString();
}
