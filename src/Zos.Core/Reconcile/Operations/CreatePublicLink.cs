using Zos.Core.Naming;

namespace Zos.Core.Reconcile.Operations;

/// <summary>Create the "public" macvlan on br-ndmz, inside the namespace: the resource's way out through ndmz.</summary>
public sealed record CreatePublicLink(NetId NetId) : ResourceOperation(NetId)
{
    private protected override string? LinkText() => InterfaceNames.Public;
}
