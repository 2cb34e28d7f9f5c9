using Zos.Core.Bringup;

namespace Zos.Node.Bringup;

/// <summary>A one-shot DHCP probe's answer: the lease, or why there is none.</summary>
public sealed record DhcpProbeOutcome(DhcpLease? Lease, string? Failure);
