using Zos.Core.Naming;

namespace Zos.Core.Reconcile.Operations;

/// <summary>
/// Remove a network no longer desired: its namespace (taking w-, n-, public with it), bridge and wireguard-go
/// process; then the host firewall is applied with <paramref name="HostPorts"/> (the remaining networks' ports).
/// </summary>
public sealed record DeleteNetwork(NetId NetId, WireGuardPorts HostPorts) : ResourceOperation(NetId);
