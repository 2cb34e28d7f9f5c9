namespace Zos.Core.Contracts;

/// <summary>An account (the grid's "twin"): id, name, base58 Ed25519 public key.</summary>
public sealed record Account(long Id, string Name, string PublicKey, DateTimeOffset Created);
