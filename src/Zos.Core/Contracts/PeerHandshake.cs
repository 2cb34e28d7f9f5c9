namespace Zos.Core.Contracts;

/// <summary>The latest WireGuard handshake with one peer, as the node reads it from the kernel (null: never).</summary>
public sealed record PeerHandshake(string PublicKey, DateTimeOffset? Latest);
