namespace Zos.Linux.Dhcp;

/// <summary>The outcome of a probe: a lease, or the reason there is none.</summary>
/// <param name="Lease">The lease, or null.</param>
/// <param name="Failure">Why there is no lease (e.g. "no lease after 1 DISCOVER(s) 1 s apart"), or null.</param>
/// <param name="Elapsed">Wall time of the probe including the namespace switch.</param>
public sealed record DhcpProbeResult(UdhcpcLease? Lease, string? Failure, TimeSpan Elapsed)
{
    /// <summary>True when a lease was obtained.</summary>
    public bool Succeeded => Lease is not null;
}
