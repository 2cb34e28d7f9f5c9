using System.Net;
using Zos.Core.Naming;

namespace Zos.Core.Reconcile.Operations;

/// <summary>
/// Apply the resource's ruleset (workloads on the gateway link may use only <paramref name="Subnet"/> and
/// <paramref name="UlaSubnet"/>), then the host firewall with <paramref name="HostPorts"/>.
/// </summary>
public sealed record ApplyFirewall(NetId NetId, IPNetwork Subnet, IPNetwork UlaSubnet, WireGuardPorts HostPorts) : ResourceOperation(NetId)
{
    private protected override string? ValueText() => NetId.NamespaceName;
}
