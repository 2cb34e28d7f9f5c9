using Zos.Core.Naming;
using Zos.Core.Primitives;

namespace Zos.Core.Reconcile.Operations;

/// <summary>Add an address the link lacks.</summary>
public sealed record AddAddress(NetId NetId, string Link, InterfaceAddress Address) : ResourceOperation(NetId)
{
    private protected override string? LinkText() => Link;

    private protected override string? ValueText() => Address.ToString();
}
