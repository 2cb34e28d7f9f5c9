namespace Zos.Core.Contracts;

/// <summary>Body of <c>POST /api/v1/farms/{id}/ips</c>: a public IPv4 in CIDR form ("203.0.113.10/24") and its gateway.</summary>
public sealed record FarmIpAdd(string Ip, string Gateway);
