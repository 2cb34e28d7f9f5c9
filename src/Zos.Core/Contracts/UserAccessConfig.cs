namespace Zos.Core.Contracts;

/// <summary>
/// What a user-access member gets when joining: its subnet, its WireGuard address (null while the mesh cannot be
/// computed, see <see cref="MeshError"/>), its peers (the access node) and the wg-quick text with
/// <see cref="PrivateKeyMarker"/> where the user's own private key goes (it never reaches the registry). The text is
/// null, and <see cref="MeshError"/> says why, until the member has a peer: a file without one reaches nothing.
/// </summary>
public sealed record UserAccessConfig(
    string NetId,
    string Subnet,
    string? Address,
    string Range,
    IReadOnlyList<PeerSpec> Peers,
    string? WgQuick,
    string PrivateKeyMarker,
    string? MeshError);
