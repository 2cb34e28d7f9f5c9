namespace Zos.Core.Contracts;

/// <summary>Per-NIC line of a heartbeat: carrier, addresses and, when it failed, why (e.g. "no offer").</summary>
public sealed record NicHealth(string Name, bool Carrier, IReadOnlyList<string> Addresses, string? Problem = null);
