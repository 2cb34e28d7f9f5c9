namespace Zos.Core.Reconcile.Operations;

/// <summary>
/// Create br-ndmz, namespace ndmz, tonrs and the uplink toward the host, apply the ndmz ruleset and the host firewall
/// with <paramref name="HostPorts"/> open when the WireGuard sockets live in the host namespace.
/// </summary>
public sealed record EnsureNdmz(WireGuardPorts HostPorts) : ReconcileOperation
{
    private protected override string NetIdText() => "";
}
