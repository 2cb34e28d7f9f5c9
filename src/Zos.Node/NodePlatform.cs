using Zos.Node.Bringup;

namespace Zos.Node;

/// <summary>
/// The outside world of the node daemon: netlink, NIC probes, the zos DHCP client, TCP connects, and where the
/// lease's name servers go.
/// </summary>
public sealed record NodePlatform(ILinkControl Links, INicProber Prober, ILeaseClient LeaseClient, IConnectivityProbe Connectivity)
{
    public INameServers NameServers { get; init; } = INameServers.None;
}
