namespace Zos.Linux.Dhcp;

/// <summary>One event reported by the udhcpc script.</summary>
/// <param name="Kind">The event.</param>
/// <param name="Lease">The lease for <see cref="DhcpEventKind.Bound"/> and <see cref="DhcpEventKind.Renew"/>, else null.</param>
/// <param name="Variables">All variables the script saw (decoded), for diagnostics.</param>
public sealed record DhcpScriptEvent(DhcpEventKind Kind, UdhcpcLease? Lease, IReadOnlyDictionary<string, string> Variables);
