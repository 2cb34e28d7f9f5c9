using Zos.Node.Bringup;

namespace Zos.Node;

/// <summary>
/// The outside world of the node daemon: netlink, NIC probes, the zos DHCP client, TCP connects, where the lease's
/// name servers go, and the host firewall.
/// </summary>
public sealed record NodePlatform(ILinkControl Links, INicProber Prober, ILeaseClient LeaseClient, IConnectivityProbe Connectivity)
{
    public INameServers NameServers { get; init; } = INameServers.None;

    /// <summary>The host firewall the daemon applies before bring-up (null: none, e.g. a test of other parts).</summary>
    public IHostFirewall? HostFirewall { get; init; }
}
