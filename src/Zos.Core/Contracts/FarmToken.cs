namespace Zos.Core.Contracts;

/// <summary>
/// A farm enrollment token as the registry lists it: never the secret (the registry keeps only its SHA-256), but
/// when it was made, whether and when it was revoked, and how many nodes joined the farm with it.
/// </summary>
public sealed record FarmToken(long Id, uint FarmId, DateTimeOffset Created, DateTimeOffset? Revoked, long Uses);
