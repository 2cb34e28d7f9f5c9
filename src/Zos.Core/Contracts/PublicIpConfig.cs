namespace Zos.Core.Contracts;

/// <summary>One family of a public config: the node's address in CIDR form ("203.0.113.10/24") and its gateway.</summary>
public sealed record PublicIpConfig(string Address, string Gateway);
