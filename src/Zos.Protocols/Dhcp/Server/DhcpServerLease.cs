using System.Net;
using Zos.Core.Primitives;

namespace Zos.Protocols.Dhcp.Server;

/// <summary>An address held for a client until <see cref="ExpiresAt"/>. A declined address has no client.</summary>
public sealed record DhcpServerLease(MacAddress? Client, IPAddress Address, DateTimeOffset ExpiresAt, DhcpLeaseStatus Status)
{
    public bool IsActive(DateTimeOffset now) => ExpiresAt > now;
}
