namespace Zos.Core.Contracts;

/// <summary>What a user-access member needs for its wg-quick file: its address, the network range and its peers (the access node).</summary>
public sealed record UserAccessConfig(string NetId, string Subnet, string Address, string Range, IReadOnlyList<PeerSpec> Peers);
