namespace Zos.Core.Validation;

/// <summary>
/// A node's public config as written by a farmer (JSON field names of Zero-OS's PublicConfig: ipv4, gw4, ipv6, gw6,
/// domain), kept as text so every problem can be reported with the value that caused it.
/// </summary>
public sealed record PublicConfigInput(string? Ipv4, string? Gw4, string? Ipv6 = null, string? Gw6 = null, string? Domain = null);
