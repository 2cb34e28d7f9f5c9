using System.Net;
using Zos.Core.Primitives;

namespace Zos.Protocols.Dhcp.Server;

/// <summary>What the decision function may ask of the lease store; it never changes it (it returns changes instead).</summary>
public interface IDhcpLeaseView
{
    DhcpServerLease? ByClient(MacAddress client);

    DhcpServerLease? ByAddress(IPAddress address);

    /// <summary>A pool address with no active lease and not in <paramref name="excluded"/>, or null when the pool is full.</summary>
    IPAddress? FindFreeAddress(IPAddress first, IPAddress last, DateTimeOffset now, IReadOnlySet<IPAddress> excluded);
}
