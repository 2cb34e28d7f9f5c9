namespace Zos.Boot.Dhcp;

/// <summary>One lease as stored in the lease file (strings, so the file stays readable and diffable).</summary>
public sealed record DhcpLeaseFileEntry(string? Mac, string Address, DateTimeOffset ExpiresAt, string Status);
