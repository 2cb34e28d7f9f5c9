namespace Zos.Core.Contracts;

/// <summary>
/// The answer to creating a farm enrollment token: the token's record and its <see cref="Secret"/>, shown this once
/// (the registry keeps only a hash). Nodes carry the secret as <c>zos-farm-token=</c> on the kernel command line.
/// </summary>
public sealed record FarmTokenCreated(FarmToken Token, string Secret);
