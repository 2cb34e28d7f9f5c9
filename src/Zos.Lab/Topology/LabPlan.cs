using Zos.Core.Primitives;

namespace Zos.Lab.Topology;

/// <summary>Everything `zos lab up` creates, derived from the scenario's farms by <see cref="LabPlanner"/>.</summary>
public sealed record LabPlan
{
    public required IReadOnlyList<LabNamespace> Namespaces { get; init; }
    public required IReadOnlyList<LabBridge> Bridges { get; init; }
    public required IReadOnlyList<LabVeth> Veths { get; init; }

    /// <summary>The VMs' taps, created in the switch namespaces after the bridges.</summary>
    public IReadOnlyList<LabTap> Taps { get; init; } = [];
    public required IReadOnlyList<LabAddress> Addresses { get; init; }
    public required IReadOnlyList<LabRoute> Routes { get; init; }
    public required IReadOnlyList<LabRouter> Routers { get; init; }
    public required IReadOnlyList<LabDhcpServer> DhcpServers { get; init; }
    public required IReadOnlyList<LabNode> Nodes { get; init; }

    /// <summary>The host end of the link into the internet namespace; the registry listens on its address.</summary>
    public required LabAddress HostUplink { get; init; }

    /// <summary>Namespaces in which forwarding is switched on (internet, routers).</summary>
    public IEnumerable<string> ForwardingNamespaces =>
        Namespaces.Where(n => n.Role is LabNamespaceRole.Internet or LabNamespaceRole.Router).Select(n => n.Name);

    public InterfaceAddress RegistryAddress => HostUplink.Address;
}
