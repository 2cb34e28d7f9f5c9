namespace Zos.Core.Contracts;

/// <summary>
/// A node as the registry shows it (<c>GET /api/v1/nodes/{id}</c>): what it registered plus derived life data.
/// <see cref="IdentityVolatile"/>: the node said its identity changes at every boot (see <see cref="NodeRegistration"/>).
/// <see cref="Enrollment"/>: set while the node waits for (or was refused) the farmer's consent to join a farm; then
/// <see cref="FarmId"/> is null, as the node is not part of any farm yet.
/// </summary>
public sealed record NodeView(
    string Id,
    uint? FarmId,
    IReadOnlyList<InterfaceInfo> Interfaces,
    NodeCapacity Capacity,
    NodeVersions Versions,
    string? ManagementNic,
    PublicConfig? PublicConfig,
    NodeHealth? Health,
    NodeStatus Status,
    DateTimeOffset FirstSeen,
    DateTimeOffset LastSeen,
    long UptimeSeconds,
    double UptimePercent,
    NodePublicReport? Public = null,
    bool IdentityVolatile = false,
    NodeEnrollment? Enrollment = null);
