using Zos.Core.Naming;
using Zos.Core.Primitives;

namespace Zos.Core.Reconcile.Operations;

/// <summary>Remove an address the link must not have.</summary>
public sealed record RemoveAddress(NetId NetId, string Link, InterfaceAddress Address) : ResourceOperation(NetId)
{
    private protected override string? LinkText() => Link;

    private protected override string? ValueText() => Address.ToString();
}
