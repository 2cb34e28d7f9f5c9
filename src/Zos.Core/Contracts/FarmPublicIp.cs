namespace Zos.Core.Contracts;

/// <summary>A farm public IP and what uses it (a node id, or null when free).</summary>
public sealed record FarmPublicIp(string Ip, string Gateway, string? UsedBy);
