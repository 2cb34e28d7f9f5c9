namespace Zos.Core.Contracts;

/// <summary>Body of <c>POST /api/v1/accounts</c>: a name and the account's Ed25519 public key (base58); signed by that key.</summary>
public sealed record AccountCreate(string Name, string PublicKey);
