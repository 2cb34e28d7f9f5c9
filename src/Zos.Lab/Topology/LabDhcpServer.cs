using System.Net;
using Zos.Core.Primitives;

namespace Zos.Lab.Topology;

/// <summary>
/// The DHCP server of a farm segment: the farm's boot server (our DHCP, with the nodes' MAC reservations) or,
/// on a farm without one, the home router's.
/// </summary>
public sealed record LabDhcpServer(
    string Namespace,
    string Interface,
    string Farm,
    bool IsBootServer,
    IPNetwork Subnet,
    IPAddress RangeStart,
    IPAddress RangeEnd,
    IPAddress Router,
    IReadOnlyList<IPAddress> Dns,
    IReadOnlyDictionary<MacAddress, IPAddress> Reservations);
