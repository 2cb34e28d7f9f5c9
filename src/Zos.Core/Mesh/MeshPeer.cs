using System.Net;

namespace Zos.Core.Mesh;

/// <summary>
/// One WireGuard peer entry. Immutable and shared: every member that reaches the same peer the same way holds
/// the same instance, so a full mesh of n public members costs n² references, not n² entries.
/// </summary>
public sealed class MeshPeer
{
    public MeshPeer(string memberId, string publicKey, IReadOnlyList<IPNetwork> allowedIPs, IPEndPoint? endpoint, int? persistentKeepaliveSeconds)
    {
        MemberId = memberId;
        PublicKey = publicKey;
        AllowedIPs = allowedIPs;
        Endpoint = endpoint;
        PersistentKeepaliveSeconds = persistentKeepaliveSeconds;
    }

    /// <summary>The member this entry points at (the next hop, which for relayed destinations is the access node).</summary>
    public string MemberId { get; }

    public string PublicKey { get; }

    /// <summary>WireGuard cryptokey routing: destinations sent to this peer and sources accepted from it.</summary>
    public IReadOnlyList<IPNetwork> AllowedIPs { get; }

    /// <summary>Where to send the handshake; null for a passive peer that dials in (hidden member, user access).</summary>
    public IPEndPoint? Endpoint { get; }

    /// <summary>Set where the member is behind NAT and must keep the mapping open; null means off.</summary>
    public int? PersistentKeepaliveSeconds { get; }

    public override string ToString() => $"{MemberId} {Endpoint?.ToString() ?? "(no endpoint)"} [{string.Join(", ", AllowedIPs)}]";
}
