using System.Globalization;
using Zos.Core.Naming;

namespace Zos.Core.Reconcile.Operations;

/// <summary>Apply w-&lt;netid&gt;'s peer set as a diff (no link down).</summary>
public sealed record SetPeers(NetId NetId, DesiredWireGuard WireGuard) : ResourceOperation(NetId)
{
    private protected override string? LinkText() => NetId.WireGuardName;

    private protected override string? ValueText() => WireGuard.Peers.Count.ToString(CultureInfo.InvariantCulture);
}
