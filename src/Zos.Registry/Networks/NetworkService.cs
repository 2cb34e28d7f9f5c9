using System.Globalization;
using System.Net.Sockets;
using Zos.Core.Contracts;
using Zos.Core.Mesh;
using Zos.Core.Naming;
using Zos.Core.Networks;
using Zos.Core.Validation;
using Zos.Registry.Accounts;
using Zos.Registry.Mesh;
using Zos.Registry.Storage;
using Zos.Registry.Validation;

namespace Zos.Registry.Networks;

/// <summary>
/// User networks: creation, node and user-access members (changed only by the network's owner, retried on concurrent
/// updates), the mesh computed from the members' reports, and each node's part of it for its desired state.
/// <c>signer</c> is the base58 key that signed the request.
/// </summary>
public sealed class NetworkService(IRegistryStore store, AccountService accounts, ChangeNotifier notifier)
{
    /// <summary>Where registry-assigned WireGuard listen ports start (one per network a node is in).</summary>
    public const int FirstListenPort = 3000;

    /// <summary>Why a user-access member gets no wg-quick file while the mesh itself is fine: no node has reported yet.</summary>
    public const string NoAccessNodeYet = "no member node has reported a public endpoint yet, so none can be the access node";

    public async Task<Network> CreateNetworkAsync(string signer, NetworkCreate body, CancellationToken ct)
    {
        var account = await accounts.SignerAccountAsync(signer, ct);
        var errors = new List<ValidationError>();
        RegistryRules.Name(body.Name, "name", errors);
        // Private (RFC 1918) /16 only: the same rule as everywhere (AddressRules), stored in canonical text.
        var range = AddressRules.UserNetworkRange(body.Range, "range", errors);
        ApiProblem.ThrowIfInvalid(errors);
        var netId = NetId.Derive(account.Id.ToString(CultureInfo.InvariantCulture), body.Name).Value;
        var stored = new StoredNetwork(netId, account.Id, body.Name, new StoredNetworkDocument(AddressRules.Canonical(range!.Value), []), 1);
        try
        {
            await store.CreateNetworkAsync(stored, ct);
        }
        catch (StoreConflictException e)
        {
            throw ApiProblem.Conflict(e.Field, e.Message);
        }
        return ToView(stored, new Dictionary<string, StoredNode>());
    }

    public async Task<Network> GetNetworkAsync(string netId, CancellationToken ct)
    {
        var net = await RequireNetworkAsync(netId, ct);
        return ToView(net, await MemberNodesAsync(net, ct));
    }

    public async Task<IReadOnlyList<Network>> ListNetworksAsync(long? ownerId, CancellationToken ct)
    {
        var list = new List<Network>();
        foreach (var net in await store.ListNetworksAsync(ownerId, ct))
            list.Add(ToView(net, await MemberNodesAsync(net, ct)));
        return list;
    }

    /// <summary>The mesh of a network, for the Cockpit picture.</summary>
    public async Task<(Network Network, MeshView Mesh)> GetMeshAsync(string netId, CancellationToken ct)
    {
        var net = await RequireNetworkAsync(netId, ct);
        var nodes = await MemberNodesAsync(net, ct);
        return (ToView(net, nodes), MeshAdapter.Compute(net, nodes));
    }

    /// <summary>The node's part of each network it is a member of: its subnet, listen port and peers (its desired state's networks).</summary>
    public async Task<IReadOnlyList<NetworkPart>> PartsOfNodeAsync(string nodeId, CancellationToken ct)
    {
        var parts = new List<NetworkPart>();
        foreach (var net in await store.ListNetworksOfNodeAsync(nodeId, ct))
        {
            var nodes = await MemberNodesAsync(net, ct);
            var mesh = MeshAdapter.Compute(net, nodes);
            var me = net.Document.Members.First(m => m.Kind == NetworkMemberKind.Node && m.Id == nodeId);
            var state = MemberState.Of(me, net.NetId, nodes);
            parts.Add(new NetworkPart(net.NetId, net.Name, net.Document.Range, me.Subnet, me.ListenPort ?? state.ListenPort ?? 0, mesh.PeersOf(nodeId)));
        }
        return parts;
    }

    /// <summary>The node members of every network <paramref name="nodeId"/> is in, itself included: whose peers its WireGuard facts are.</summary>
    public async Task<IReadOnlySet<string>> MeshNeighboursAsync(string nodeId, CancellationToken ct)
    {
        var nodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var net in await store.ListNetworksOfNodeAsync(nodeId, ct))
            nodes.UnionWith(net.Document.NodeIds());
        return nodes;
    }

    private async Task<StoredNetwork> RequireNetworkAsync(string netId, CancellationToken ct) =>
        await store.GetNetworkAsync(netId, ct) ?? throw ApiProblem.NotFound($"network {netId} does not exist");

    private async Task<IReadOnlyDictionary<string, StoredNode>> MemberNodesAsync(StoredNetwork net, CancellationToken ct) =>
        (await store.GetNodesAsync([.. net.Document.NodeIds()], ct)).ToDictionary(n => n.Id, StringComparer.Ordinal);

    private static Network ToView(StoredNetwork net, IReadOnlyDictionary<string, StoredNode> nodes) =>
        new(net.NetId, net.OwnerId, net.Name, net.Document.Range, net.Version,
            [.. net.Document.Members.Select(m => MemberState.Of(m, net.NetId, nodes).ToView())]);

    /// <summary>
    /// Read-modify-write of a network the signer owns, retried on concurrent updates (optimistic on the version), so
    /// several clients adding members at once never lose one. Every node member's desired state moves; a change that
    /// leaves the document as it was writes nothing.
    /// </summary>
    private async Task<StoredNetwork> UpdateNetworkAsync(string signer, string netId, Func<StoredNetwork, Task<StoredNetworkDocument>> change, CancellationToken ct)
    {
        var account = await accounts.SignerAccountAsync(signer, ct);
        for (var attempt = 0; attempt < OptimisticUpdate.MaxAttempts; attempt++)
        {
            var net = await RequireNetworkAsync(netId, ct);
            if (net.OwnerId != account.Id)
                throw ApiProblem.Forbidden($"network {netId} belongs to account {net.OwnerId}, not to account {account.Id} ({account.Name})");
            var doc = await change(net);
            if (doc == net.Document)
                return net;
            var updated = net with { Document = doc, Version = net.Version + 1 };
            var touch = net.Document.NodeIds().Concat(doc.NodeIds()).ToHashSet(StringComparer.Ordinal);
            if (await store.UpdateNetworkAsync(updated, net.Version, touch, ct))
            {
                notifier.Signal(touch);
                return updated;
            }
            await Task.Yield();
        }
        throw OptimisticUpdate.GaveUp($"network {netId}");
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
            if (await store.GetEnrollmentAsync(body.NodeId, ct) is { } waiting)
                throw ApiProblem.Conflict("nodeId", $"node {body.NodeId} is not part of farm {waiting.FarmId} ({waiting.State.ToString().ToLowerInvariant()}: the farmer has not approved it); it gets networks once it is");
            if (net.Document.Members.Any(m => m.Id == body.NodeId))
                throw ApiProblem.Conflict("nodeId", $"node {body.NodeId} is a member of network {netId} already");
            var subnet = ChooseSubnet(net, body.NodeId, body.Subnet, "subnet");
            var ports = (await store.ListNetworksOfNodeAsync(body.NodeId, ct))
                .SelectMany(n => n.Document.Members.Where(m => m.Id == body.NodeId && m.ListenPort is not null).Select(m => m.ListenPort!.Value)).ToHashSet();
            var port = Enumerable.Range(FirstListenPort, 10000).First(p => !ports.Contains(p));
            return net.Document with { Members = [.. net.Document.Members, new StoredMember(NetworkMemberKind.Node, body.NodeId, subnet, null, port)] };
        }, ct);
        return ToView(updated, await MemberNodesAsync(updated, ct));
    }

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
        return ToView(updated, await MemberNodesAsync(updated, ct));
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
                if (member.Kind != NetworkMemberKind.UserAccess || member.PublicKey != body.PublicKey)
                    throw ApiProblem.Conflict("name", $"'{body.Name}' is a member of network {netId} already");
            }
            else
            {
                var subnet = ChooseSubnet(net, body.Name, null, "name");
                doc = doc with { Members = [.. doc.Members, new StoredMember(NetworkMemberKind.UserAccess, body.Name, subnet, body.PublicKey)] };
            }
            return await WithAccessNodeAsync(net, doc, ct);
        }, ct);
        var nodes = await MemberNodesAsync(updated, ct);
        var (mesh, plan) = MeshAdapter.Plan(updated, nodes);
        var me = updated.Document.Members.First(m => m.Id == body.Name);
        var config = plan?.Find(body.Name);
        var peers = mesh.PeersOf(body.Name);
        // A file without a peer reaches nothing: none is given until some node member can be the access node.
        var wgQuick = config is null || peers.Count == 0 ? null : WgQuickConfig.Render(plan!, body.Name, MeshAdapter.PrivateKeyMarker);
        var error = mesh.Error ?? (peers.Count == 0 ? NoAccessNodeYet : null);
        return new UserAccessConfig(netId, me.Subnet, config is null ? null : $"{config.WireGuardAddress}/32", updated.Document.Range,
            peers, wgQuick, MeshAdapter.PrivateKeyMarker, error);
    }

    /// <summary>
    /// <paramref name="doc"/> with the access node its mesh chooses now (the recorded one while it can serve), or as
    /// it was when the mesh needs none or cannot be computed yet.
    /// </summary>
    private async Task<StoredNetworkDocument> WithAccessNodeAsync(StoredNetwork net, StoredNetworkDocument doc, CancellationToken ct)
    {
        var next = net with { Document = doc };
        var (_, plan) = MeshAdapter.Plan(next, await MemberNodesAsync(next, ct));
        return plan?.AccessNodeId is { } chosen ? doc with { AccessNode = chosen } : doc;
    }
}
