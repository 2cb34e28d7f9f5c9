using Zos.Core.Naming;

namespace Zos.Core.Reconcile.Operations;

/// <summary>
/// Create w-&lt;netid&gt; in the underlay namespace and move it in (or re-create it when the underlay changed); its
/// socket may have moved between the host and the public namespace, so the host firewall is applied again with
/// <paramref name="HostPorts"/>.
/// </summary>
public sealed record CreateWireGuard(NetId NetId, WireGuardPorts HostPorts) : ResourceOperation(NetId)
{
    private protected override string? LinkText() => NetId.WireGuardName;
}
