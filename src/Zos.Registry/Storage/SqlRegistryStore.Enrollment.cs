using System.Data.Common;
using Zos.Core.Contracts;

namespace Zos.Registry.Storage;

/// <summary>
/// Farm enrollment in SQL: node_enrollments holds the nodes that asked for a farm without the farmer's consent
/// (pending or refused; such a node's own row has no farm), farm_tokens the enrollment tokens by the SHA-256 of
/// their secret. Registrations that join a farm and the deletion of that farm both lock the farm's row first, so on
/// PostgreSQL (read committed) a node cannot join a farm that is being deleted.
/// </summary>
public abstract partial class SqlRegistryStore
{
    private const string PendingText = "pending";
    private const string RefusedText = "refused";
    private const string EnrollmentColumns = "node_id, farm_id, state, since";
    private const string TokenColumns = "id, farm_id, created, revoked, uses";

    /// <summary>The schema step of farm enrollment (its own migration, after the base schema).</summary>
    private string[] EnrollmentMigration() =>
    [
        "CREATE TABLE node_enrollments (node_id TEXT PRIMARY KEY, farm_id BIGINT NOT NULL, state TEXT NOT NULL, since BIGINT NOT NULL)",
        "CREATE INDEX node_enrollments_farm ON node_enrollments (farm_id)",
        $"CREATE TABLE farm_tokens (id {AutoIdColumn}, farm_id BIGINT NOT NULL, hash TEXT NOT NULL UNIQUE, created BIGINT NOT NULL, revoked BIGINT NULL, uses BIGINT NOT NULL)",
        "CREATE INDEX farm_tokens_farm ON farm_tokens (farm_id)",
    ];

    public Task<NodeRegistrationOutcome> RegisterNodeAsync(string id, uint? farmId, NodeDocument registration, FarmConsent consent, long now, CancellationToken ct) =>
        WriteDesiredAsync([id], (c, tx) =>
        {
            var existing = QueryNodes(c, tx, $"SELECT {NodeColumns} FROM nodes WHERE id = @p", ("p", id)).FirstOrDefault();
            var enrollment = QueryEnrollments(c, tx, $"SELECT {EnrollmentColumns} FROM node_enrollments WHERE node_id = @p", ("p", id)).FirstOrDefault();
            bool member;
            if (farmId is null || existing?.FarmId == farmId)
                member = true;
            else if (existing is not null && enrollment is { State: EnrollmentState.Refused } refused && refused.FarmId == farmId)
                return new NodeRegistrationOutcome(existing, refused);
            else
                member = consent.ByMac || (consent.TokenId is { } token && Exec(c, tx,
                    "UPDATE farm_tokens SET uses = uses + 1 WHERE id = @t AND farm_id = @f AND revoked IS NULL", ("t", token), ("f", (long)farmId.Value)) == 1);

            if (member && farmId is { } f && Exec(c, tx, "UPDATE farms SET version = version WHERE id = @f", ("f", (long)f)) == 0)
                throw new StoreConflictException("farmId", $"farm {f} does not exist (deleted meanwhile)");
            var newFarm = member ? farmId : null;
            if (existing is null)
            {
                Exec(c, tx, "INSERT INTO nodes (id, farm_id, doc, version, ds_version, first_seen, last_seen, uptime_seconds) VALUES (@id, @f, @d, 1, 1, @t, @t, 0)",
                    ("id", id), ("f", newFarm is { } nf ? (long)nf : null), ("d", ToJson(registration)), ("t", now));
            }
            else
            {
                // A node that stays in its farm keeps what the farmer set (public config); one that moves or waits does not.
                var keep = existing.FarmId == newFarm ? existing.Document.PublicConfig : null;
                Exec(c, tx, "UPDATE nodes SET farm_id = @f, doc = @d, version = version + 1, ds_version = ds_version + 1, last_seen = @t WHERE id = @id",
                    ("id", id), ("f", newFarm is { } nf ? (long)nf : null), ("d", ToJson(registration with { PublicConfig = keep })), ("t", now));
            }
            StoredEnrollment? result = null;
            if (member)
            {
                Exec(c, tx, "DELETE FROM node_enrollments WHERE node_id = @p", ("p", id));
            }
            else if (enrollment is { State: EnrollmentState.Pending } same && same.FarmId == farmId)
            {
                result = same; // still waiting since its first request
            }
            else
            {
                Exec(c, tx, "DELETE FROM node_enrollments WHERE node_id = @p", ("p", id));
                result = new StoredEnrollment(id, farmId!.Value, EnrollmentState.Pending, now);
                Exec(c, tx, $"INSERT INTO node_enrollments ({EnrollmentColumns}) VALUES (@n, @f, @s, @t)",
                    ("n", id), ("f", (long)result.FarmId), ("s", PendingText), ("t", now));
            }
            return new NodeRegistrationOutcome(QueryNodes(c, tx, $"SELECT {NodeColumns} FROM nodes WHERE id = @p", ("p", id)).Single(), result);
        }, ct);

    public Task<StoredEnrollment?> GetEnrollmentAsync(string nodeId, CancellationToken ct) =>
        ReadAsync(c => QueryEnrollments(c, null, $"SELECT {EnrollmentColumns} FROM node_enrollments WHERE node_id = @p", ("p", nodeId)).FirstOrDefault(), ct);

    public Task<IReadOnlyDictionary<string, StoredEnrollment>> GetEnrollmentsAsync(IReadOnlyCollection<string> nodeIds, CancellationToken ct)
    {
        if (nodeIds.Count == 0)
            return Task.FromResult<IReadOnlyDictionary<string, StoredEnrollment>>(new Dictionary<string, StoredEnrollment>());
        return ReadAsync<IReadOnlyDictionary<string, StoredEnrollment>>(c =>
        {
            var (list, ps) = InList("n", nodeIds);
            return QueryEnrollments(c, null, $"SELECT {EnrollmentColumns} FROM node_enrollments WHERE node_id IN ({list})", ps)
                .ToDictionary(e => e.NodeId, StringComparer.Ordinal);
        }, ct);
    }

    public Task<IReadOnlyList<(StoredNode Node, StoredEnrollment Enrollment)>> ListEnrollmentsAsync(uint farmId, CancellationToken ct) =>
        ReadAsync<IReadOnlyList<(StoredNode, StoredEnrollment)>>(c =>
        {
            var enrollments = QueryEnrollments(c, null, $"SELECT {EnrollmentColumns} FROM node_enrollments WHERE farm_id = @f ORDER BY since, node_id", ("f", (long)farmId));
            if (enrollments.Count == 0)
                return [];
            var (list, ps) = InList("n", [.. enrollments.Select(e => e.NodeId)]);
            var nodes = QueryNodes(c, null, $"SELECT {NodeColumns} FROM nodes WHERE id IN ({list})", ps).ToDictionary(n => n.Id, StringComparer.Ordinal);
            return [.. enrollments.Where(e => nodes.ContainsKey(e.NodeId)).Select(e => (nodes[e.NodeId], e))];
        }, ct);

    public Task<bool> ApproveNodeAsync(string nodeId, uint farmId, CancellationToken ct) => WriteDesiredAsync([nodeId], (c, tx) =>
    {
        if (Exec(c, tx, "UPDATE farms SET version = version WHERE id = @f", ("f", (long)farmId)) == 0)
            return false;
        if (Exec(c, tx, "DELETE FROM node_enrollments WHERE node_id = @n AND farm_id = @f", ("n", nodeId), ("f", (long)farmId)) == 0)
            return false;
        Exec(c, tx, "UPDATE nodes SET farm_id = @f, version = version + 1, ds_version = ds_version + 1 WHERE id = @n", ("n", nodeId), ("f", (long)farmId));
        return true;
    }, ct);

    public Task<bool> RefuseNodeAsync(string nodeId, uint farmId, long now, CancellationToken ct) => WriteAsync((c, tx) =>
        Exec(c, tx, "UPDATE node_enrollments SET since = CASE WHEN state = @r THEN since ELSE @t END, state = @r WHERE node_id = @n AND farm_id = @f",
            ("r", RefusedText), ("t", now), ("n", nodeId), ("f", (long)farmId)) == 1, ct);

    public async Task<IReadOnlyList<string>?> RemoveNodeAsync(string nodeId, CancellationToken ct)
    {
        // Filled inside the transaction: the removed node (its long-poll ends) and the members of its networks.
        var touched = new List<string>();
        var found = await WriteDesiredAsync(touched, (c, tx) =>
        {
            if (Exec(c, tx, "DELETE FROM nodes WHERE id = @n", ("n", nodeId)) == 0)
                return false;
            touched.Add(nodeId);
            Exec(c, tx, "DELETE FROM uptime WHERE node_id = @n", ("n", nodeId));
            Exec(c, tx, "DELETE FROM node_enrollments WHERE node_id = @n", ("n", nodeId));
            using (var cmd = Command(c, tx, "SELECT n.net_id, n.owner_id, n.name, n.doc, n.version FROM networks n JOIN network_nodes m ON m.net_id = n.net_id " +
                                            "WHERE m.node_id = @n ORDER BY n.net_id", ("n", nodeId)))
            {
                var networks = new List<StoredNetwork>();
                using (var r = cmd.ExecuteReader())
                {
                    while (r.Read())
                        networks.Add(new StoredNetwork(r.GetString(0), r.GetInt64(1), r.GetString(2), FromJson<StoredNetworkDocument>(r.GetString(3)), r.GetInt64(4)));
                }
                foreach (var net in networks)
                {
                    // The mesh is computed from the members on every read: without the node, the others drop its peer.
                    var doc = net.Document with
                    {
                        Members = [.. net.Document.Members.Where(m => m.Id != nodeId)],
                        AccessNode = net.Document.AccessNode == nodeId ? null : net.Document.AccessNode,
                    };
                    Exec(c, tx, "UPDATE networks SET doc = @d, version = version + 1 WHERE net_id = @id", ("d", ToJson(doc)), ("id", net.NetId));
                    SetNetworkNodes(c, tx, net with { Document = doc });
                    touched.AddRange(doc.NodeIds().Where(id => !touched.Contains(id)));
                }
            }
            Touch(c, tx, [.. touched.Skip(1)]);
            return true;
        }, ct);
        return found ? [.. touched.Skip(1)] : null;
    }

    public Task<IReadOnlyList<string>> DeleteFarmAsync(uint farmId, CancellationToken ct) => WriteAsync<IReadOnlyList<string>>((c, tx) =>
    {
        // Lock the farm's row before looking at its nodes: a registration joining it waits for this decision.
        Exec(c, tx, "UPDATE farms SET version = version + 1 WHERE id = @f", ("f", (long)farmId));
        var members = new List<string>();
        using (var cmd = Command(c, tx, "SELECT id FROM nodes WHERE farm_id = @f ORDER BY id", ("f", (long)farmId)))
        using (var r = cmd.ExecuteReader())
        {
            while (r.Read())
                members.Add(r.GetString(0));
        }
        if (members.Count > 0)
            return members;
        Exec(c, tx, "DELETE FROM farm_tokens WHERE farm_id = @f", ("f", (long)farmId));
        Exec(c, tx, "DELETE FROM node_enrollments WHERE farm_id = @f", ("f", (long)farmId));
        Exec(c, tx, "DELETE FROM farms WHERE id = @f", ("f", (long)farmId));
        return members;
    }, ct);

    public async Task<FarmToken> CreateFarmTokenAsync(uint farmId, string secretHash, long now, CancellationToken ct)
    {
        var id = await WriteAsync((c, tx) => Convert.ToInt64(Scalar(c, tx,
            "INSERT INTO farm_tokens (farm_id, hash, created, revoked, uses) VALUES (@f, @h, @t, NULL, 0) RETURNING id",
            ("f", (long)farmId), ("h", secretHash), ("t", now)), System.Globalization.CultureInfo.InvariantCulture), ct);
        return new FarmToken(id, farmId, DateTimeOffset.FromUnixTimeMilliseconds(now), null, 0);
    }

    public Task<IReadOnlyList<FarmToken>> ListFarmTokensAsync(uint farmId, CancellationToken ct) =>
        ReadAsync<IReadOnlyList<FarmToken>>(c => QueryTokens(c, null, $"SELECT {TokenColumns} FROM farm_tokens WHERE farm_id = @f ORDER BY id", ("f", (long)farmId)), ct);

    public Task<FarmToken?> FindFarmTokenAsync(string secretHash, CancellationToken ct) =>
        ReadAsync(c => QueryTokens(c, null, $"SELECT {TokenColumns} FROM farm_tokens WHERE hash = @h", ("h", secretHash)).FirstOrDefault(), ct);

    public Task<FarmToken?> RevokeFarmTokenAsync(uint farmId, long tokenId, long now, CancellationToken ct) => WriteAsync((c, tx) =>
    {
        Exec(c, tx, "UPDATE farm_tokens SET revoked = COALESCE(revoked, @t) WHERE id = @i AND farm_id = @f", ("t", now), ("i", tokenId), ("f", (long)farmId));
        return QueryTokens(c, tx, $"SELECT {TokenColumns} FROM farm_tokens WHERE id = @i AND farm_id = @f", ("i", tokenId), ("f", (long)farmId)).FirstOrDefault();
    }, ct);

    private static List<StoredEnrollment> QueryEnrollments(DbConnection c, DbTransaction? tx, string sql, params (string, object?)[] ps)
    {
        using var cmd = Command(c, tx, sql, ps);
        using var r = cmd.ExecuteReader();
        var list = new List<StoredEnrollment>();
        while (r.Read())
        {
            var state = r.GetString(2) == RefusedText ? EnrollmentState.Refused : EnrollmentState.Pending;
            list.Add(new StoredEnrollment(r.GetString(0), (uint)r.GetInt64(1), state, r.GetInt64(3)));
        }
        return list;
    }

    private static List<FarmToken> QueryTokens(DbConnection c, DbTransaction? tx, string sql, params (string, object?)[] ps)
    {
        using var cmd = Command(c, tx, sql, ps);
        using var r = cmd.ExecuteReader();
        var list = new List<FarmToken>();
        while (r.Read())
        {
            list.Add(new FarmToken(r.GetInt64(0), (uint)r.GetInt64(1), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(2)),
                r.IsDBNull(3) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(3)), r.GetInt64(4)));
        }
        return list;
    }
}
