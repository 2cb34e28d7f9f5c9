using Microsoft.AspNetCore.Http;
using System.Globalization;
using Zos.Core.Contracts;
using Zos.Core.Naming;
using Zos.Core.Validation;
using Zos.Registry.Mesh;
using Zos.Registry.Storage;
using Zos.Registry.Validation;

namespace Zos.Registry;

/// <summary>
/// The registry's rules over the store: who may change what, validation, node life (status, uptime), desired
/// states and their long-poll. <c>signer</c> is the base58 key that signed the request (null for reads).
/// Every refusal is an <see cref="ApiProblem"/>.
/// </summary>
public sealed class RegistryService(IRegistryStore store, ChangeNotifier notifier, TimeProvider time, RegistryOptions options)
{
    private const int MaxRetries = 50;

    public IRegistryStore Store => store;

    public RegistryOptions Options => options;

    private long NowMs => time.GetUtcNow().ToUnixTimeMilliseconds();

    // Accounts

    public async Task<Account> CreateAccountAsync(string signer, AccountCreate body, CancellationToken ct)
    {
        var errors = new List<ValidationError>();
        RegistryRules.Name(body.Name, "name", errors);
        RegistryRules.PublicKey(body.PublicKey, "publicKey", errors);
        ApiProblem.ThrowIfInvalid(errors);
        if (body.PublicKey != signer)
            throw ApiProblem.Forbidden($"an account is created with its own key: publicKey '{body.PublicKey}' is not the signing key '{signer}'");
        try
        {
            return await store.CreateAccountAsync(body.Name, body.PublicKey, time.GetUtcNow(), ct);
        }
        catch (StoreConflictException e)
        {
            throw ApiProblem.Conflict(e.Field, e.Message);
        }
    }

    public async Task<Account> GetAccountAsync(long id, CancellationToken ct) =>
        await store.GetAccountAsync(id, ct) ?? throw ApiProblem.NotFound($"account {id} does not exist");

    public async Task<Account> GetAccountByKeyAsync(string key, CancellationToken ct) =>
        await store.GetAccountByKeyAsync(key, ct) ?? throw ApiProblem.NotFound($"no account has the key '{key}'");

    private async Task<Account> SignerAccountAsync(string signer, CancellationToken ct) =>
        await store.GetAccountByKeyAsync(signer, ct)
        ?? throw ApiProblem.Forbidden($"the signing key '{signer}' has no account; create one first (zos account create)");

    // Farms

    public async Task<Farm> CreateFarmAsync(string signer, FarmCreate body, CancellationToken ct)
    {
        var account = await SignerAccountAsync(signer, ct);
        var errors = new List<ValidationError>();
        RegistryRules.Name(body.Name, "name", errors);
        var ips = body.PublicIps ?? [];
        for (var i = 0; i < ips.Count; i++)
            RegistryRules.FarmIp(ips[i], $"publicIps[{i}].", options.AllowDocumentationRanges, errors);
        foreach (var dup in ips.GroupBy(ip => ip.Ip).Where(g => g.Count() > 1))
            errors.Add(new ValidationError("publicIps", $"'{dup.Key}' is listed {dup.Count()} times"));
        var prefixes = body.Ipv6Prefixes ?? [];
        for (var i = 0; i < prefixes.Count; i++)
        {
            if (!IPNetworkText.TryParseInterfaceAddress(prefixes[i], out var a, out _) || a.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
                errors.Add(new ValidationError($"ipv6Prefixes[{i}]", $"'{prefixes[i]}' is not an IPv6 prefix (e.g. 2001:db8:1::/48)"));
        }
        var boot = body.Boot ?? new BootProfile("prod", "");
        RegistryRules.Boot(boot, "boot", errors);
        ApiProblem.ThrowIfInvalid(errors);
        try
        {
            return await store.CreateFarmAsync(new Farm(0, body.Name, account.Id,
                [.. ips.Select(ip => new FarmPublicIp(ip.Ip, ip.Gateway, null))], prefixes, boot, []), ct);
        }
        catch (StoreConflictException e)
        {
            throw ApiProblem.Conflict(e.Field, e.Message);
        }
    }

    /// <summary>A farm with each public IP's user (the node whose public config holds it) filled in.</summary>
    public async Task<Farm> GetFarmAsync(uint id, CancellationToken ct)
    {
        var stored = await store.GetFarmAsync(id, ct) ?? throw ApiProblem.NotFound($"farm {id} does not exist");
        var nodes = await store.ListNodesAsync(id, false, ct);
        return WithIpUsers(stored.Farm, nodes);
    }

    public async Task<IReadOnlyList<Farm>> ListFarmsAsync(CancellationToken ct) =>
        [.. (await store.ListFarmsAsync(ct)).Select(f => f.Farm)];

    internal static Farm WithIpUsers(Farm farm, IReadOnlyList<StoredNode> nodes)
    {
        var users = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var n in nodes)
        {
            if (n.Document.PublicConfig?.Ipv4 is { } v4 && IPNetworkText.TryParseInterfaceAddress(v4.Address, out var a, out _))
                users[a.ToString()] = n.Id;
        }
        return farm with
        {
            PublicIps = [.. farm.PublicIps.Select(ip =>
                IPNetworkText.TryParseInterfaceAddress(ip.Ip, out var a, out _) && users.TryGetValue(a.ToString(), out var user) ? ip with { UsedBy = user } : ip)],
        };
    }

    /// <summary>Applies <paramref name="change"/> to a farm the signer owns, retrying on concurrent updates.</summary>
    private async Task<Farm> UpdateFarmAsync(string signer, uint farmId, Func<Farm, Farm> change, CancellationToken ct)
    {
        var account = await SignerAccountAsync(signer, ct);
        for (var attempt = 0; attempt < MaxRetries; attempt++)
        {
            var stored = await store.GetFarmAsync(farmId, ct) ?? throw ApiProblem.NotFound($"farm {farmId} does not exist");
            if (stored.Farm.OwnerId != account.Id)
                throw ApiProblem.Forbidden($"farm {farmId} belongs to account {stored.Farm.OwnerId}, not to account {account.Id} ({account.Name})");
            var updated = change(stored.Farm);
            if (await store.UpdateFarmAsync(updated, stored.Version, [], ct))
                return updated;
        }
        throw new ApiProblem(StatusCodes.Status409Conflict, "Conflict", $"farm {farmId} kept changing; try again");
    }

    public Task<Farm> AddFarmIpAsync(string signer, uint farmId, FarmIpAdd body, CancellationToken ct)
    {
        var errors = new List<ValidationError>();
        RegistryRules.FarmIp(body, "", options.AllowDocumentationRanges, errors);
        ApiProblem.ThrowIfInvalid(errors);
        return UpdateFarmAsync(signer, farmId, farm =>
        {
            if (farm.PublicIps.Any(ip => ip.Ip == body.Ip))
                throw ApiProblem.Conflict("ip", $"farm {farmId} has the IP '{body.Ip}' already");
            return farm with { PublicIps = [.. farm.PublicIps, new FarmPublicIp(body.Ip, body.Gateway, null)] };
        }, ct);
    }

    public async Task<Farm> RemoveFarmIpAsync(string signer, uint farmId, string ip, CancellationToken ct)
    {
        var current = await GetFarmAsync(farmId, ct);
        var entry = current.PublicIps.FirstOrDefault(p => p.Ip == ip) ?? throw ApiProblem.NotFound($"farm {farmId} has no IP '{ip}'");
        if (entry.UsedBy is not null)
            throw ApiProblem.Conflict("ip", $"'{ip}' is used by node {entry.UsedBy}; unset its public config first");
        return await UpdateFarmAsync(signer, farmId, farm => farm with { PublicIps = [.. farm.PublicIps.Where(p => p.Ip != ip)] }, ct);
    }

    public async Task<Farm> SetFarmMacAsync(string signer, uint farmId, string macInPath, BootMac body, CancellationToken ct)
    {
        var errors = new List<ValidationError>();
        var mac = RegistryRules.Mac(macInPath, "mac", errors);
        if (body.Mac is not null && RegistryRules.Mac(body.Mac, "mac", []) is { } bodyMac && mac is not null && bodyMac != mac)
            errors.Add(new ValidationError("mac", $"the body's MAC '{body.Mac}' differs from the path's '{macInPath}'"));
        RegistryRules.KernelArgs(body.KernelArgs, "kernelArgs", errors);
        ApiProblem.ThrowIfInvalid(errors);
        foreach (var other in await store.ListFarmsAsync(ct))
        {
            if (other.Farm.Id != farmId && other.Farm.Macs.Any(m => m.Mac == mac))
                throw ApiProblem.Conflict("mac", $"MAC {mac} is on the boot list of farm {other.Farm.Id} already");
        }
        var entry = new BootMac(mac!, body.KernelArgs ?? "");
        return await UpdateFarmAsync(signer, farmId, farm => farm with { Macs = [.. farm.Macs.Where(m => m.Mac != mac), entry] }, ct);
    }

    public Task<Farm> RemoveFarmMacAsync(string signer, uint farmId, string macInPath, CancellationToken ct)
    {
        var errors = new List<ValidationError>();
        var mac = RegistryRules.Mac(macInPath, "mac", errors);
        ApiProblem.ThrowIfInvalid(errors);
        return UpdateFarmAsync(signer, farmId, farm =>
        {
            if (farm.Macs.All(m => m.Mac != mac))
                throw ApiProblem.NotFound($"MAC {mac} is not on the boot list of farm {farmId}");
            return farm with { Macs = [.. farm.Macs.Where(m => m.Mac != mac)] };
        }, ct);
    }

    public Task<Farm> SetBootProfileAsync(string signer, uint farmId, BootProfile body, CancellationToken ct)
    {
        var errors = new List<ValidationError>();
        RegistryRules.Boot(body, "", errors);
        ApiProblem.ThrowIfInvalid(errors.Select(e => e with { Path = e.Path.TrimStart('.') }));
        return UpdateFarmAsync(signer, farmId, farm => farm with { Boot = body with { KernelArgs = body.KernelArgs ?? "" } }, ct);
    }

    public async Task<BootAssignment> GetBootAssignmentAsync(string macText, CancellationToken ct)
    {
        var errors = new List<ValidationError>();
        var mac = RegistryRules.Mac(macText, "mac", errors);
        ApiProblem.ThrowIfInvalid(errors);
        foreach (var f in await store.ListFarmsAsync(ct))
        {
            if (f.Farm.Macs.FirstOrDefault(m => m.Mac == mac) is { } entry)
            {
                var args = string.Join(' ', new[] { f.Farm.Boot.KernelArgs, entry.KernelArgs }.Where(a => !string.IsNullOrWhiteSpace(a)));
                return new BootAssignment(f.Farm.Id, mac!, f.Farm.Boot.Runmode, args);
            }
        }
        throw ApiProblem.NotFound($"MAC {mac} is on no farm's boot list");
    }

    // Nodes

    public async Task<NodeView> RegisterNodeAsync(string signer, NodeRegistration body, CancellationToken ct)
    {
        var errors = RegistryRules.Registration(body);
        ApiProblem.ThrowIfInvalid(errors);
        if (body.NodeId != signer)
            throw ApiProblem.Forbidden($"node '{body.NodeId}' must register itself; the request is signed by '{signer}'");
        uint? farmId = body.FarmId is null or 0 ? null : body.FarmId;
        if (farmId is { } f && await store.GetFarmAsync(f, ct) is null)
            ApiProblem.ThrowIfInvalid([new ValidationError("farmId", $"farm {f} does not exist")]);
        var doc = new NodeDocument(body.Interfaces, body.Capacity, body.Versions, body.ManagementNic, null, body.IdentityVolatile);
        var stored = await store.UpsertNodeAsync(body.NodeId, farmId, doc, NowMs, ct);
        notifier.Signal([body.NodeId]);
        return (await ViewsAsync([stored], ct))[0];
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

    /// <summary>Node views with status (heartbeat age) and uptime % (heartbeat buckets in the period), one query for all uptimes.</summary>
    public async Task<IReadOnlyList<NodeView>> ViewsAsync(IReadOnlyList<StoredNode> nodes, CancellationToken ct)
    {
        var now = NowMs;
        var periodStart = now - (long)options.UptimePeriod.TotalMilliseconds;
        var counts = await store.CountUptimeBucketsAsync([.. nodes.Select(n => n.Id)], Bucket(periodStart), ct);
        var interval = (long)options.HeartbeatInterval.TotalMilliseconds;
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
                DateTimeOffset.FromUnixTimeMilliseconds(n.LastSeen), n.UptimeSeconds, percent, n.Report?.Public, n.Document.IdentityVolatile);
        })];
    }

    public async Task<NodeView> SetPublicConfigAsync(string signer, string nodeId, PublicConfig? config, CancellationToken ct)
    {
        var account = await SignerAccountAsync(signer, ct);
        if (config is not null)
            ApiProblem.ThrowIfInvalid(RegistryRules.PublicConfig(config, options.AllowDocumentationRanges));
        for (var attempt = 0; attempt < MaxRetries; attempt++)
        {
            var node = await store.GetNodeAsync(nodeId, ct) ?? throw ApiProblem.NotFound($"node {nodeId} is not registered");
            if (node.FarmId is not { } farmId)
                throw ApiProblem.Conflict("nodeId", $"node {nodeId} is an orphan (no farm); only a farm's nodes get a public config");
            var farm = await store.GetFarmAsync(farmId, ct) ?? throw ApiProblem.NotFound($"farm {farmId} does not exist");
            if (farm.Farm.OwnerId != account.Id)
                throw ApiProblem.Forbidden($"node {nodeId} is in farm {farmId}, which belongs to account {farm.Farm.OwnerId}, not to account {account.Id} ({account.Name})");
            if (config is not null)
                ApiProblem.ThrowIfInvalid(await FarmAddressRulesAsync(farm.Farm, nodeId, config, ct));
            if (await store.UpdateNodeDocumentAsync(nodeId, node.Document with { PublicConfig = config }, node.Version, ct))
            {
                notifier.Signal([nodeId]);
                return await GetNodeAsync(nodeId, ct);
            }
        }
        throw new ApiProblem(StatusCodes.Status409Conflict, "Conflict", $"node {nodeId} kept changing; try again");
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
            var nets = farmNets.Select(n => IPNetworkText.TryParseInterfaceAddress(n, out _, out var net) ? net : (System.Net.IPNetwork?)null)
                .OfType<System.Net.IPNetwork>().Distinct().ToList();
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

    // Desired state

    /// <summary>
    /// The node's desired state; with <paramref name="knownVersion"/> equal to the current one, waits up to
    /// <paramref name="wait"/> for a change and returns null when none came (HTTP 304).
    /// </summary>
    public async Task<DesiredState?> GetDesiredStateAsync(string nodeId, long? knownVersion, TimeSpan wait, CancellationToken ct)
    {
        if (wait > options.MaxLongPoll)
            wait = options.MaxLongPoll;
        var deadline = time.GetUtcNow() + wait;
        while (true)
        {
            // Arm the wake-up before reading, so a change between the read and the wait is not missed.
            var change = notifier.NextChange(nodeId);
            var version = await store.GetDesiredVersionAsync(nodeId, ct) ?? throw ApiProblem.NotFound($"node {nodeId} is not registered");
            if (knownVersion != version)
                return await BuildDesiredStateAsync(nodeId, ct);
            var left = deadline - time.GetUtcNow();
            if (left <= TimeSpan.Zero)
                return null;
            if (store.Shared && left > options.SharedPollInterval)
                left = options.SharedPollInterval;
            try
            {
                await change.WaitAsync(left, time, ct);
            }
            catch (TimeoutException)
            {
            }
        }
    }

    public async Task<DesiredState> BuildDesiredStateAsync(string nodeId, CancellationToken ct)
    {
        var node = await store.GetNodeAsync(nodeId, ct) ?? throw ApiProblem.NotFound($"node {nodeId} is not registered");
        var networks = await store.ListNetworksOfNodeAsync(nodeId, ct);
        var parts = new List<NetworkPart>();
        foreach (var net in networks)
        {
            var nodes = await MemberNodesAsync(net, ct);
            var mesh = MeshAdapter.Compute(net, nodes);
            var me = net.Document.Members.First(m => m.Kind == "node" && m.Id == nodeId);
            var state = MemberState.Of(me, net.NetId, nodes);
            parts.Add(new NetworkPart(net.NetId, net.Name, net.Document.Range, me.Subnet, me.ListenPort ?? state.ListenPort ?? 0, mesh.PeersOf(nodeId)));
        }
        return new DesiredState(nodeId, node.DesiredVersion, node.FarmId, node.Document.PublicConfig, parts);
    }

    private async Task<IReadOnlyDictionary<string, StoredNode>> MemberNodesAsync(StoredNetwork net, CancellationToken ct) =>
        (await store.GetNodesAsync([.. net.Document.Members.Where(m => m.Kind == "node").Select(m => m.Id)], ct))
        .ToDictionary(n => n.Id, StringComparer.Ordinal);

    public async Task SaveReportAsync(string signer, string nodeId, NodeReport body, CancellationToken ct)
    {
        if (nodeId != signer)
            throw ApiProblem.Forbidden($"only node '{nodeId}' reports its state; the request is signed by '{signer}'");
        var errors = new List<ValidationError>();
        var reports = body.Networks ?? [];
        for (var i = 0; i < reports.Count; i++)
        {
            RegistryRules.WireGuardKey(reports[i].PublicKey, $"networks[{i}].publicKey", errors);
            if (reports[i].ListenPort is < 1 or > 65535)
                errors.Add(new ValidationError($"networks[{i}].listenPort", $"{reports[i].ListenPort} is not a port (1 to 65535)"));
            var endpoints = reports[i].Endpoints ?? [];
            for (var j = 0; j < endpoints.Count; j++)
            {
                if (!System.Net.IPEndPoint.TryParse(endpoints[j], out var ep) || ep.Port == 0)
                    errors.Add(new ValidationError($"networks[{i}].endpoints[{j}]", $"'{endpoints[j]}' is not an endpoint (address:port, [v6]:port)"));
            }
        }
        if (body.Public is { } pub)
        {
            // IFNAMSIZ (linux/if.h): an interface name has at most 15 characters.
            if (pub.UplinkNic is { Length: 0 or > 15 })
                errors.Add(new ValidationError("public.uplinkNic", $"'{pub.UplinkNic}' is not an interface name (1 to 15 characters)"));
            if (pub.UplinkReason.Length > NodePublicReport.MaxTextLength)
                errors.Add(new ValidationError("public.uplinkReason", $"is {pub.UplinkReason.Length} characters long, more than {NodePublicReport.MaxTextLength}"));
            if (pub.Error is { Length: > NodePublicReport.MaxTextLength })
                errors.Add(new ValidationError("public.error", $"is {pub.Error.Length} characters long, more than {NodePublicReport.MaxTextLength}"));
        }
        ApiProblem.ThrowIfInvalid(errors);
        var node = await store.GetNodeAsync(nodeId, ct) ?? throw ApiProblem.NotFound($"node {nodeId} is not registered");
        // Handshakes and errors change all the time; only keys, ports and endpoints change other members' peers.
        static string MeshKey(NodeReport? r) => r is null ? "" : string.Join(';', r.Networks.OrderBy(n => n.NetId, StringComparer.Ordinal)
            .Select(n => $"{n.NetId}|{n.PublicKey}|{n.ListenPort}|{string.Join(',', n.Endpoints ?? [])}"));
        var touch = new HashSet<string>(StringComparer.Ordinal);
        if (MeshKey(node.Report) != MeshKey(body))
        {
            foreach (var net in await store.ListNetworksOfNodeAsync(nodeId, ct))
                // The reporting node too: a member without a key is left out of the mesh, so its own peers
                // (e.g. a hidden node's access node) appear only once its first report is in.
                touch.UnionWith(net.Document.Members.Where(m => m.Kind == "node").Select(m => m.Id));
        }
        await store.SaveReportAsync(nodeId, body with { Networks = reports }, touch, ct);
        notifier.Signal(touch);
    }

    // Networks

    public async Task<Network> CreateNetworkAsync(string signer, NetworkCreate body, CancellationToken ct)
    {
        var account = await SignerAccountAsync(signer, ct);
        var errors = new List<ValidationError>();
        RegistryRules.Name(body.Name, "name", errors);
        if (!IPNetworkText.TryParseInterfaceAddress(body.Range, out var a, out var net) || a.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork)
            errors.Add(new ValidationError("range", $"'{body.Range}' is not an IPv4 range (e.g. 10.20.0.0/16)"));
        else if (!a.Equals(net.BaseAddress))
            errors.Add(new ValidationError("range", $"'{body.Range}' has host bits set; the range is {net}"));
        else if (net.PrefixLength != 16)
            errors.Add(new ValidationError("range", $"'{body.Range}' must be an IPv4 /16 (e.g. 10.20.0.0/16): members get its /24s"));
        ApiProblem.ThrowIfInvalid(errors);
        var netId = NetId.Derive(account.Id.ToString(CultureInfo.InvariantCulture), body.Name).Value;
        var stored = new StoredNetwork(netId, account.Id, body.Name, new NetworkDocument(body.Range, []), 1);
        try
        {
            await store.CreateNetworkAsync(stored, ct);
        }
        catch (StoreConflictException e)
        {
            throw ApiProblem.Conflict(e.Field, e.Message);
        }
        return ToContract(stored, new Dictionary<string, StoredNode>());
    }

    public async Task<Network> GetNetworkAsync(string netId, CancellationToken ct)
    {
        var net = await store.GetNetworkAsync(netId, ct) ?? throw ApiProblem.NotFound($"network {netId} does not exist");
        return ToContract(net, await MemberNodesAsync(net, ct));
    }

    public async Task<IReadOnlyList<Network>> ListNetworksAsync(long? ownerId, CancellationToken ct)
    {
        var list = new List<Network>();
        foreach (var net in await store.ListNetworksAsync(ownerId, ct))
            list.Add(ToContract(net, await MemberNodesAsync(net, ct)));
        return list;
    }

    private static Network ToContract(StoredNetwork net, IReadOnlyDictionary<string, StoredNode> nodes) =>
        new(net.NetId, net.OwnerId, net.Name, net.Document.Range, net.Version,
            [.. net.Document.Members.Select(m => MemberState.Of(m, net.NetId, nodes).ToContract())]);

    /// <summary>
    /// Read-modify-write of a network the signer owns, retried on concurrent updates (optimistic on the version), so
    /// several clients adding members at once never lose one. Every node member's desired state moves; a change that
    /// leaves the document as it was writes nothing.
    /// </summary>
    private async Task<StoredNetwork> UpdateNetworkAsync(string signer, string netId, Func<StoredNetwork, Task<NetworkDocument>> change, CancellationToken ct)
    {
        var account = await SignerAccountAsync(signer, ct);
        for (var attempt = 0; attempt < MaxRetries; attempt++)
        {
            var net = await store.GetNetworkAsync(netId, ct) ?? throw ApiProblem.NotFound($"network {netId} does not exist");
            if (net.OwnerId != account.Id)
                throw ApiProblem.Forbidden($"network {netId} belongs to account {net.OwnerId}, not to account {account.Id} ({account.Name})");
            var doc = await change(net);
            if (doc == net.Document)
                return net;
            var updated = net with { Document = doc, Version = net.Version + 1 };
            var touch = net.Document.Members.Concat(doc.Members).Where(m => m.Kind == "node").Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
            if (await store.UpdateNetworkAsync(updated, net.Version, touch, ct))
            {
                notifier.Signal(touch);
                return updated;
            }
            await Task.Yield();
        }
        throw new ApiProblem(StatusCodes.Status409Conflict, "Conflict", $"network {netId} kept changing; try again");
    }

    public async Task<Network> AddMemberAsync(string signer, string netId, NetworkMemberAdd body, CancellationToken ct)
    {
        var errors = new List<ValidationError>();
        RegistryRules.PublicKey(body.NodeId, "nodeId", errors);
        ApiProblem.ThrowIfInvalid(errors);
        var updated = await UpdateNetworkAsync(signer, netId, async net =>
        {
            if (await store.GetNodeAsync(body.NodeId, ct) is null)
                ApiProblem.ThrowIfInvalid([new ValidationError("nodeId", $"node {body.NodeId} is not registered")]);
            if (net.Document.Members.Any(m => m.Id == body.NodeId))
                throw ApiProblem.Conflict("nodeId", $"node {body.NodeId} is a member of network {netId} already");
            var subnet = ChooseSubnet(net, body.NodeId, body.Subnet, "subnet");
            var ports = (await store.ListNetworksOfNodeAsync(body.NodeId, ct))
                .SelectMany(n => n.Document.Members.Where(m => m.Id == body.NodeId && m.ListenPort is not null).Select(m => m.ListenPort!.Value)).ToHashSet();
            var port = Enumerable.Range(FirstListenPort, 10000).First(p => !ports.Contains(p));
            return net.Document with { Members = [.. net.Document.Members, new StoredMember("node", body.NodeId, subnet, null, port)] };
        }, ct);
        return ToContract(updated, await MemberNodesAsync(updated, ct));
    }

    /// <summary>Where registry-assigned WireGuard listen ports start (one per network a node is in).</summary>
    public const int FirstListenPort = 3000;

    private static string ChooseSubnet(StoredNetwork net, string memberId, string? wanted, string path)
    {
        var used = net.Document.Members.Select(m => m.Subnet).ToList();
        if (wanted is null)
        {
            return MeshAdapter.AllocateSubnet(net, memberId, out var error)
                   ?? throw ApiProblem.Conflict(path, error ?? $"network {net.NetId} ({net.Document.Range}) has no free /24 left");
        }
        IPNetworkText.TryParseInterfaceAddress(net.Document.Range, out _, out var range);
        if (!IPNetworkText.TryParseInterfaceAddress(wanted, out var a, out var sub) || sub.PrefixLength != 24 || !a.Equals(sub.BaseAddress)
            || !range.Contains(sub.BaseAddress))
            ApiProblem.ThrowIfInvalid([new ValidationError(path, $"'{wanted}' is not a /24 inside {net.Document.Range}")]);
        if (used.Contains(wanted))
            throw ApiProblem.Conflict(path, $"{wanted} is used by another member of network {net.NetId}");
        return wanted;
    }

    public async Task<Network> RemoveMemberAsync(string signer, string netId, string memberId, CancellationToken ct)
    {
        var updated = await UpdateNetworkAsync(signer, netId, net =>
        {
            if (net.Document.Members.All(m => m.Id != memberId))
                throw ApiProblem.NotFound($"'{memberId}' is not a member of network {netId}");
            return Task.FromResult(net.Document with { Members = [.. net.Document.Members.Where(m => m.Id != memberId)] });
        }, ct);
        return ToContract(updated, await MemberNodesAsync(updated, ct));
    }

    public async Task<UserAccessConfig> JoinAsync(string signer, string netId, UserAccessJoin body, CancellationToken ct)
    {
        var errors = new List<ValidationError>();
        RegistryRules.Name(body.Name, "name", errors);
        RegistryRules.WireGuardKey(body.PublicKey, "publicKey", errors);
        ApiProblem.ThrowIfInvalid(errors);
        // Joining again with the same name and key adds nothing and answers the current configuration: a user who
        // joined before any node could be an access node asks again for the peer. Either way the access node the
        // user is given is recorded, so the mesh keeps it while it can serve (the user's file names it).
        var updated = await UpdateNetworkAsync(signer, netId, async net =>
        {
            var doc = net.Document;
            if (doc.Members.FirstOrDefault(m => m.Id == body.Name) is { } member)
            {
                if (member.Kind != "user" || member.PublicKey != body.PublicKey)
                    throw ApiProblem.Conflict("name", $"'{body.Name}' is a member of network {netId} already");
            }
            else
            {
                doc = doc with { Members = [.. doc.Members, new StoredMember("user", body.Name, ChooseSubnet(net, body.Name, null, "name"), body.PublicKey)] };
            }
            return await WithAccessNodeAsync(net, doc, ct);
        }, ct);
        var nodes = await MemberNodesAsync(updated, ct);
        var (mesh, plan) = MeshAdapter.Plan(updated, nodes);
        var me = updated.Document.Members.First(m => m.Id == body.Name);
        var config = plan?.Find(body.Name);
        var peers = mesh.PeersOf(body.Name);
        // A file without a peer reaches nothing: none is given until some node member can be the access node.
        var wgQuick = config is null || peers.Count == 0 ? null : Zos.Core.Mesh.WgQuickConfig.Render(plan!, body.Name, MeshAdapter.PrivateKeyMarker);
        var error = mesh.Error ?? (peers.Count == 0 ? NoAccessNodeYet : null);
        return new UserAccessConfig(netId, me.Subnet, config is null ? null : $"{config.WireGuardAddress}/32", updated.Document.Range,
            peers, wgQuick, MeshAdapter.PrivateKeyMarker, error);
    }

    /// <summary>Why a user-access member gets no wg-quick file while the mesh itself is fine: no node has reported yet.</summary>
    public const string NoAccessNodeYet = "no member node has reported a public endpoint yet, so none can be the access node";

    /// <summary>
    /// <paramref name="doc"/> with the access node its mesh chooses now (the recorded one while it can serve), or as
    /// it was when the mesh needs none or cannot be computed yet.
    /// </summary>
    private async Task<NetworkDocument> WithAccessNodeAsync(StoredNetwork net, NetworkDocument doc, CancellationToken ct)
    {
        var next = net with { Document = doc };
        var (_, plan) = MeshAdapter.Plan(next, await MemberNodesAsync(next, ct));
        return plan?.AccessNodeId is { } chosen ? doc with { AccessNode = chosen } : doc;
    }

    /// <summary>The mesh of a network, for the Cockpit picture.</summary>
    public async Task<(Network Network, MeshView Mesh)> GetMeshAsync(string netId, CancellationToken ct)
    {
        var net = await store.GetNetworkAsync(netId, ct) ?? throw ApiProblem.NotFound($"network {netId} does not exist");
        var nodes = await MemberNodesAsync(net, ct);
        return (ToContract(net, nodes), MeshAdapter.Compute(net, nodes));
    }
}
