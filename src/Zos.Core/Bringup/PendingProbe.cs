namespace Zos.Core.Bringup;

/// <summary>A probe still running when another NIC got a lease: when its DHCP probe started (null: still waiting for carrier).</summary>
public sealed record PendingProbe(string Nic, DateTimeOffset? DhcpStartedAt);
