using Zos.Core.Bringup;

namespace Zos.Node.Bringup;

/// <summary>One event of the long-running DHCP client on zos; <see cref="Lease"/> is set for bound/renew.</summary>
public sealed record LeaseEvent(LeaseEventKind Kind, DhcpLease? Lease);
