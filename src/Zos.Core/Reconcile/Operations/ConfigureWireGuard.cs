using System.Globalization;
using Zos.Core.Naming;

namespace Zos.Core.Reconcile.Operations;

/// <summary>Set w-&lt;netid&gt;'s private key and listen port (the device takes the whole configuration and changes only what differs).</summary>
public sealed record ConfigureWireGuard(NetId NetId, DesiredWireGuard WireGuard) : ResourceOperation(NetId)
{
    private protected override string? LinkText() => NetId.WireGuardName;

    private protected override string? ValueText() => WireGuard.ListenPort.ToString(CultureInfo.InvariantCulture);
}
