namespace Zos.Core.Contracts;

/// <summary>
/// Body of <c>POST /api/v1/nodes</c>: a node tells the registry who and what it is. <see cref="NodeId"/> is base58 of
/// the node's Ed25519 public key and must equal the key that signs the request. <see cref="FarmId"/> is the
/// <c>farmer_id=</c> of the kernel command line; null (or 0) makes the node an orphan. <see cref="IdentityVolatile"/>
/// is true when the node keeps its state (and so its key) in memory only (no ZOS-STATE disk): it comes back under
/// another id after every reboot, and its old id stays behind as a node that went down. <see cref="FarmToken"/> is the
/// <c>zos-farm-token=</c> of the kernel command line: the farmer's consent for a node whose MAC is not on the farm's
/// list (without either, the node waits as pending until the farmer approves it).
/// </summary>
public sealed record NodeRegistration(
    string NodeId,
    uint? FarmId,
    IReadOnlyList<InterfaceInfo> Interfaces,
    NodeCapacity Capacity,
    NodeVersions Versions,
    string? ManagementNic = null,
    bool IdentityVolatile = false,
    string? FarmToken = null);
