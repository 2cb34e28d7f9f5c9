namespace Zos.Core.Contracts;

/// <summary>Body of <c>POST /api/v1/networks/{netid}/join</c>: a user-access member's name and WireGuard public key (the private key stays with the user).</summary>
public sealed record UserAccessJoin(string Name, string PublicKey);
