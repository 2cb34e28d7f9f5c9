using Zos.Core.Naming;

namespace Zos.Core.Reconcile.Operations;

/// <summary>Create the gateway macvlan n-&lt;netid&gt; on b-&lt;netid&gt;, inside the namespace.</summary>
public sealed record CreateGatewayLink(NetId NetId) : ResourceOperation(NetId)
{
    private protected override string? LinkText() => NetId.GatewayLinkName;
}
