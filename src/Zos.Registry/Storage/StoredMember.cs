namespace Zos.Registry.Storage;

/// <summary>A network member as stored: kind ("node" or "user"), id, subnet , the listen port the registry assigned (nodes) and, for user access, its WireGuard public key.</summary>
public sealed record StoredMember(string Kind, string Id, string Subnet, string? PublicKey, int? ListenPort = null);
