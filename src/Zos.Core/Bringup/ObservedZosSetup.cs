using System.Net;
using Zos.Core.Primitives;

namespace Zos.Core.Bringup;

/// <summary>
/// What the kernel shows of a previous bring-up at daemon start: the link named <c>zos</c> (if any), whether it is
/// a bridge, its MAC, state, ports and addresses. Read by the node through netlink; judged by <see cref="ZosSetupAssessor"/>.
/// </summary>
public sealed record ObservedZosSetup(
    bool Exists,
    bool IsBridge,
    MacAddress Mac,
    bool IsUp,
    bool VlanFiltering,
    IReadOnlyList<ObservedPort> Ports,
    IReadOnlyList<IPAddress> Ipv4Addresses,
    IReadOnlyList<IPAddress> GlobalIpv6Addresses,
    bool HasDefaultRoute)
{
    public static ObservedZosSetup Absent { get; } = new(false, false, MacAddress.Zero, false, false, [], [], [], false);
}
