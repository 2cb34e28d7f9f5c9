using System.Net;
using Zos.Core.Contracts;
using Zos.Core.Primitives;
using Zos.Core.Validation;
using Zos.Registry.Accounts;
using Zos.Registry.Boot;
using Zos.Registry.Farms;
using Zos.Registry.Storage;
using Zos.Registry.Validation;

namespace Zos.Registry.Nodes;

/// <summary>
/// Nodes: registration and heartbeats (signed by the node itself), their views with status and uptime, and the
/// public config the farm's owner sets. <c>signer</c> is the base58 key that signed the request.
/// </summary>
public sealed class NodeService(IRegistryStore store, AccountService accounts, ChangeNotifier notifier, TimeProvider time, RegistryOptions options)
{
    private long NowMs => time.GetUtcNow().ToUnixTimeMilliseconds();

    public async Task<NodeView> RegisterNodeAsync(string signer, NodeRegistration body, CancellationToken ct)
    {
        var errors = RegistryRules.Registration(body);
        ApiProblem.ThrowIfInvalid(errors);
        if (body.NodeId != signer)
            throw ApiProblem.Forbidden($"node '{body.NodeId}' must register itself; the request is signed by '{signer}'");
        uint? farmId = body.FarmId is null or 0 ? null : body.FarmId;
        // Joining a farm takes the farmer's consent (its MAC list, an enrollment token, or approval later).
        var consent = FarmConsent.None;
        if (farmId is { } f)
        {
            var farm = await store.GetFarmAsync(f, ct);
            if (farm is null)
                ApiProblem.ThrowIfInvalid([new ValidationError("farmId", $"farm {f} does not exist")]);
            consent = await FarmEnrollment.ConsentAsync(store, farm!.Farm, body, ct);
        }
        var doc = new NodeDocument(body.Interfaces, body.Capacity, body.Versions, body.ManagementNic, null, body.IdentityVolatile);
        NodeRegistrationOutcome outcome;
        try
        {
            outcome = await store.RegisterNodeAsync(body.NodeId, farmId, doc, consent, NowMs, ct);
        }
        catch (StoreConflictException e)
        {
            throw ApiProblem.Invalid([new ValidationError(e.Field, e.Message)])!;
        }
        if (outcome.Enrollment is { State: EnrollmentState.Refused } refused)
            throw FarmEnrollment.Refused(body.NodeId, refused);
        notifier.Signal([body.NodeId]);
        // The last step of a network boot: a farm's boot history of this node's MACs ends with its registration.
        if (outcome.Node.FarmId is { } joined)
            await store.AddBootEventsAsync(joined, BootSegments.RegisteredSteps(body.NodeId, body.Interfaces, time.GetUtcNow()), onlyKnownMacs: true, BootTimeline.Retention, ct);
        return (await ViewsAsync([outcome.Node], ct))[0];
    }

    public async Task HeartbeatAsync(string signer, string nodeId, Heartbeat body, CancellationToken ct)
    {
        if (nodeId != signer)
            throw ApiProblem.Forbidden($"only node '{nodeId}' sends its heartbeats; the request is signed by '{signer}'");
        var errors = new List<ValidationError>();
        if (body.UptimeSeconds < 0)
            errors.Add(new ValidationError("uptimeSeconds", $"{body.UptimeSeconds} is negative"));
        if (body.Health is null)
            errors.Add(new ValidationError("health", "is required"));
        ApiProblem.ThrowIfInvalid(errors);
        var now = NowMs;
        if (!await store.HeartbeatAsync(nodeId, now, body.UptimeSeconds, body.Health!, Bucket(now), ct))
            throw ApiProblem.NotFound($"node {nodeId} is not registered; register first (POST /api/v1/nodes)");
    }

    private long Bucket(long ms) => ms / (long)options.HeartbeatInterval.TotalMilliseconds;

    public async Task<IReadOnlyList<NodeView>> ListNodesAsync(uint? farmId, NodeStatus? status, bool orphans, CancellationToken ct)
    {
        var views = await ViewsAsync(await store.ListNodesAsync(farmId, orphans, ct), ct);
        return status is { } s ? [.. views.Where(v => v.Status == s)] : views;
    }

    public async Task<NodeView> GetNodeAsync(string nodeId, CancellationToken ct)
    {
        var node = await store.GetNodeAsync(nodeId, ct) ?? throw ApiProblem.NotFound($"node {nodeId} is not registered");
        return (await ViewsAsync([node], ct))[0];
    }

    /// <summary>The MACs of the NICs the farm's nodes registered, normalised (lowercase, colons) where they parse.</summary>
    public async Task<IReadOnlySet<string>> RegisteredMacsAsync(uint farmId, CancellationToken ct) =>
        (await store.ListNodesAsync(farmId, false, ct))
        .SelectMany(n => n.Document.Interfaces.Select(i => i.Mac))
        .Select(m => MacAddress.TryParse(m, null, out var mac) ? mac.ToString() : m)
        .ToHashSet(StringComparer.Ordinal);

    /// <summary>Node views with status (heartbeat age) and uptime % (heartbeat buckets in the period), one query for all uptimes.</summary>
    internal async Task<IReadOnlyList<NodeView>> ViewsAsync(IReadOnlyList<StoredNode> nodes, CancellationToken ct)
    {
        var now = NowMs;
        // Only a node in no farm can be waiting for one: members cost no extra query.
        var enrollments = await store.GetEnrollmentsAsync([.. nodes.Where(n => n.FarmId is null).Select(n => n.Id)], ct);
        var periodStart = now - (long)options.UptimePeriod.TotalMilliseconds;
        var counts = await store.CountUptimeBucketsAsync([.. nodes.Select(n => n.Id)], Bucket(periodStart), ct);
        var downAfter = (long)options.DownAfter.TotalMilliseconds;
        return [.. nodes.Select(n =>
        {
            var from = Math.Max(periodStart, n.FirstSeen);
            var expected = Math.Max(1, Bucket(now) - Bucket(from) + 1);
            var have = counts.TryGetValue(n.Id, out var c) ? c : 0;
            var percent = Math.Round(Math.Min(100.0, 100.0 * have / expected), 1);
            var status = now - n.LastSeen <= downAfter ? NodeStatus.Up : NodeStatus.Down;
            return new NodeView(n.Id, n.FarmId, n.Document.Interfaces, n.Document.Capacity, n.Document.Versions, n.Document.ManagementNic,
                n.Document.PublicConfig, n.Health, status, DateTimeOffset.FromUnixTimeMilliseconds(n.FirstSeen),
                DateTimeOffset.FromUnixTimeMilliseconds(n.LastSeen), n.UptimeSeconds, percent, n.Report?.Public, n.Document.IdentityVolatile,
                enrollments.TryGetValue(n.Id, out var e) ? e.ToContract() : null);
        })];
    }

    /// <summary>Sets (or, with a null <paramref name="config"/>, removes) a farm node's public config; the farm's owner only.</summary>
    public async Task<NodeView> SetPublicConfigAsync(string signer, string nodeId, PublicConfig? config, CancellationToken ct)
    {
        var account = await accounts.SignerAccountAsync(signer, ct);
        if (config is not null)
            ApiProblem.ThrowIfInvalid(RegistryRules.PublicConfig(config, options.PublicAddressRules));
        for (var attempt = 0; attempt < OptimisticUpdate.MaxAttempts; attempt++)
        {
            var node = await store.GetNodeAsync(nodeId, ct) ?? throw ApiProblem.NotFound($"node {nodeId} is not registered");
            if (node.FarmId is null && await store.GetEnrollmentAsync(nodeId, ct) is { } waiting)
                throw ApiProblem.Conflict("nodeId", $"node {nodeId} is not part of farm {waiting.FarmId} yet ({waiting.State.ToString().ToLowerInvariant()}); approve it first (zos farm node approve)");
            if (node.FarmId is not { } farmId)
                throw ApiProblem.Conflict("nodeId", $"node {nodeId} is an orphan (no farm); only a farm's nodes get a public config");
            var farm = await store.GetFarmAsync(farmId, ct) ?? throw ApiProblem.NotFound($"farm {farmId} does not exist");
            FarmOwnership.Require(account, farm.Farm, throughNode: nodeId);
            if (config is not null)
                ApiProblem.ThrowIfInvalid(await FarmAddressRulesAsync(farm.Farm, nodeId, config, ct));
            if (await store.UpdateNodeDocumentAsync(nodeId, node.Document with { PublicConfig = config }, node.Version, ct))
            {
                notifier.Signal([nodeId]);
                return await GetNodeAsync(nodeId, ct);
            }
        }
        throw OptimisticUpdate.GaveUp($"node {nodeId}");
    }

    /// <summary>Ours on top of the original: a public address must be in the farm's registered subnets and used by one node only.</summary>
    private async Task<List<ValidationError>> FarmAddressRulesAsync(Farm farm, string nodeId, PublicConfig config, CancellationToken ct)
    {
        var errors = new List<ValidationError>();
        var others = (await store.ListNodesAsync(farm.Id, false, ct)).Where(n => n.Id != nodeId).ToList();
        Check(config.Ipv4.Address, "ipv4.address", farm.PublicIps.Select(p => p.Ip), "public IPv4 subnets", o => o.Ipv4.Address);
        if (config.Ipv6 is { } v6)
            Check(v6.Address, "ipv6.address", farm.Ipv6Prefixes, "IPv6 prefixes", o => o.Ipv6?.Address);
        return errors;

        void Check(string text, string path, IEnumerable<string> farmNets, string what, Func<PublicConfig, string?> pick)
        {
            if (!IPNetworkText.TryParseInterfaceAddress(text, out var a, out _))
                return;
            var nets = farmNets.Select(n => IPNetworkText.TryParseInterfaceAddress(n, out _, out var net) ? net : (IPNetwork?)null)
                .OfType<IPNetwork>().Distinct().ToList();
            if (!nets.Any(n => n.Contains(a)))
            {
                errors.Add(new ValidationError(path, $"{a} is not in farm {farm.Id}'s registered {what} ({(nets.Count == 0 ? "none" : string.Join(", ", nets))})"));
                return;
            }
            var user = others.FirstOrDefault(o => o.Document.PublicConfig is { } pc && pick(pc) is { } t
                && IPNetworkText.TryParseInterfaceAddress(t, out var b, out _) && b.Equals(a));
            if (user is not null)
                errors.Add(new ValidationError(path, $"{a} is used by node {user.Id} already"));
        }
    }
}
