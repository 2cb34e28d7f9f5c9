using Zos.Core.Networks;

namespace Zos.Registry.Storage;

/// <summary>
/// A network member as stored: kind (written "node" or "user", <see cref="NetworkMemberKindText"/>), id, subnet, the
/// listen port the registry assigned (nodes) and, for user access, its WireGuard public key.
/// </summary>
public sealed record StoredMember(NetworkMemberKind Kind, string Id, string Subnet, string? PublicKey, int? ListenPort = null);
