using Zos.Core.Contracts;

namespace Zos.Registry.Storage;

/// <summary>
/// Durable registry state. A write returns only once it is committed durably, so an acknowledged write survives a
/// crash. Updates of documents are optimistic: they name the version they read and return false when another
/// writer got there first, and the caller reloads and retries.
/// </summary>
public partial interface IRegistryStore : IAsyncDisposable
{
    /// <summary>True when several registry processes may share this store (then long-polls also re-read versions).</summary>
    bool Shared { get; }

    /// <summary>Raised with a node id when another process moved that node's desired version (PostgreSQL LISTEN/NOTIFY).</summary>
    event Action<string>? DesiredChangedElsewhere;

    Task MigrateAsync(CancellationToken ct);

    Task<Account> CreateAccountAsync(string name, string publicKey, DateTimeOffset created, CancellationToken ct);

    Task<Account?> GetAccountAsync(long id, CancellationToken ct);

    Task<Account?> GetAccountByKeyAsync(string publicKey, CancellationToken ct);

    /// <summary>Inserts a farm (its id is assigned) and returns it.</summary>
    Task<Farm> CreateFarmAsync(Farm farm, CancellationToken ct);

    Task<StoredFarm?> GetFarmAsync(uint id, CancellationToken ct);

    Task<IReadOnlyList<StoredFarm>> ListFarmsAsync(CancellationToken ct);

    /// <summary>
    /// Replaces a farm document if its version is still <paramref name="expectedVersion"/>; bumps the desired version of
    /// <paramref name="touchNodes"/>. Throws <see cref="AddressOwnedException"/> when one of its public networks overlaps
    /// another farm's (also <see cref="CreateFarmAsync"/>).
    /// </summary>
    Task<bool> UpdateFarmAsync(Farm farm, long expectedVersion, IReadOnlyCollection<string> touchNodes, CancellationToken ct);

    /// <summary>Inserts a node, or replaces its registration (keeping public config, first seen, history).</summary>
    Task<StoredNode> UpsertNodeAsync(string id, uint? farmId, NodeDocument registration, long now, CancellationToken ct);

    Task<StoredNode?> GetNodeAsync(string id, CancellationToken ct);

    /// <summary>Nodes, of one farm when <paramref name="farmId"/> is set, or only orphans when <paramref name="orphans"/>.</summary>
    Task<IReadOnlyList<StoredNode>> ListNodesAsync(uint? farmId, bool orphans, CancellationToken ct);

    Task<IReadOnlyList<StoredNode>> GetNodesAsync(IReadOnlyCollection<string> ids, CancellationToken ct);

    /// <summary>Replaces a node's document if its version still matches, bumping its desired version.</summary>
    Task<bool> UpdateNodeDocumentAsync(string id, NodeDocument document, long expectedVersion, CancellationToken ct);

    /// <summary>Records a heartbeat: last seen, uptime, health, and the uptime bucket <paramref name="bucket"/>. False when the node is unknown.</summary>
    Task<bool> HeartbeatAsync(string id, long now, long uptimeSeconds, NodeHealth health, long bucket, CancellationToken ct);

    /// <summary>Stores a node's report; when <paramref name="touchNodes"/> is not empty their desired versions move (mesh changed).</summary>
    Task<bool> SaveReportAsync(string id, NodeReport report, IReadOnlyCollection<string> touchNodes, CancellationToken ct);

    /// <summary>Number of uptime buckets at or after <paramref name="sinceBucket"/>, per node, for the given nodes.</summary>
    Task<IReadOnlyDictionary<string, long>> CountUptimeBucketsAsync(IReadOnlyCollection<string> nodeIds, long sinceBucket, CancellationToken ct);

    Task<long?> GetDesiredVersionAsync(string nodeId, CancellationToken ct);

    Task CreateNetworkAsync(StoredNetwork network, CancellationToken ct);

    Task<StoredNetwork?> GetNetworkAsync(string netId, CancellationToken ct);

    Task<IReadOnlyList<StoredNetwork>> ListNetworksAsync(long? ownerId, CancellationToken ct);

    Task<IReadOnlyList<StoredNetwork>> ListNetworksOfNodeAsync(string nodeId, CancellationToken ct);

    /// <summary>Replaces a network document if its version still matches, and bumps the desired versions of <paramref name="touchNodes"/>.</summary>
    Task<bool> UpdateNetworkAsync(StoredNetwork network, long expectedVersion, IReadOnlyCollection<string> touchNodes, CancellationToken ct);

    /// <summary>
    /// Records a signed write's (key, nonce) <paramref name="digest"/> until <paramref name="expiresMs"/>, insert-if-absent:
    /// true the first time, false when it is recorded and not expired at <paramref name="nowMs"/> (a replay, also one
    /// sent to another registry process on the same database or after a restart).
    /// </summary>
    Task<bool> TryRecordNonceAsync(byte[] digest, long expiresMs, long nowMs, CancellationToken ct);

    /// <summary>Deletes the nonces expired at <paramref name="nowMs"/>, so the table holds one window's worth; returns how many.</summary>
    Task<int> SweepNoncesAsync(long nowMs, CancellationToken ct);
}
