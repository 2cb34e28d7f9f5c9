namespace Zos.Core.Contracts;

/// <summary>
/// <c>GET /api/v1/registry</c> (unauthenticated): the registry's public key (base64, raw 32 bytes) that signs what it
/// serves to nodes (<see cref="ResponseSigning"/>), for the boot server and boot media to put on the node's command line.
/// </summary>
public sealed record RegistryInfo(string PublicKey, string Algorithm = "ed25519");
