using Zos.Core.Contracts;

namespace Zos.Registry.Storage;

/// <summary>
/// Farm enrollment: the farmer's consent for nodes (tokens, pending and refused nodes), removing nodes and deleting
/// farms. Each write is one transaction, so a registration and the farmer's decision about the same node never
/// interleave into a state neither chose.
/// </summary>
public partial interface IRegistryStore
{
    /// <summary>
    /// Registers a node that asks for farm <paramref name="farmId"/> (null: orphan). It is part of the farm when it is
    /// already, or when <paramref name="consent"/> holds; it stays refused when the farmer refused it for this farm
    /// (nothing is written); otherwise it waits as pending (in no farm). Keeps the public config only when the node
    /// stays in its farm.
    /// </summary>
    Task<NodeRegistrationOutcome> RegisterNodeAsync(string id, uint? farmId, NodeDocument registration, FarmConsent consent, long now, CancellationToken ct);

    Task<StoredEnrollment?> GetEnrollmentAsync(string nodeId, CancellationToken ct);

    /// <summary>The enrollments of those of <paramref name="nodeIds"/> that have one.</summary>
    Task<IReadOnlyDictionary<string, StoredEnrollment>> GetEnrollmentsAsync(IReadOnlyCollection<string> nodeIds, CancellationToken ct);

    /// <summary>The nodes waiting for (or refused by) farm <paramref name="farmId"/>, oldest request first.</summary>
    Task<IReadOnlyList<(StoredNode Node, StoredEnrollment Enrollment)>> ListEnrollmentsAsync(uint farmId, CancellationToken ct);

    /// <summary>Makes a pending or refused node of farm <paramref name="farmId"/> part of it; false when it has no such enrollment.</summary>
    Task<bool> ApproveNodeAsync(string nodeId, uint farmId, CancellationToken ct);

    /// <summary>Marks a pending node of farm <paramref name="farmId"/> refused; false when it has no enrollment for that farm.</summary>
    Task<bool> RefuseNodeAsync(string nodeId, uint farmId, long now, CancellationToken ct);

    /// <summary>
    /// Deletes a node with its uptime, enrollment and network memberships; the networks it was in lose it and their
    /// other nodes' desired versions move. Returns those other nodes, or null when the node did not exist.
    /// </summary>
    Task<IReadOnlyList<string>?> RemoveNodeAsync(string nodeId, CancellationToken ct);

    /// <summary>
    /// Deletes farm <paramref name="farmId"/> with its tokens and enrollments (the nodes that waited for it become
    /// orphans) unless nodes are part of it: then nothing changes and their ids are returned.
    /// </summary>
    Task<IReadOnlyList<string>> DeleteFarmAsync(uint farmId, CancellationToken ct);

    Task<FarmToken> CreateFarmTokenAsync(uint farmId, string secretHash, long now, CancellationToken ct);

    Task<IReadOnlyList<FarmToken>> ListFarmTokensAsync(uint farmId, CancellationToken ct);

    /// <summary>The token whose secret hashes to <paramref name="secretHash"/>, revoked or not; null when none does.</summary>
    Task<FarmToken?> FindFarmTokenAsync(string secretHash, CancellationToken ct);

    /// <summary>Revokes a token of farm <paramref name="farmId"/> (a revoked one keeps its first revocation time); null when the farm has no such token.</summary>
    Task<FarmToken?> RevokeFarmTokenAsync(uint farmId, long tokenId, long now, CancellationToken ct);
}
