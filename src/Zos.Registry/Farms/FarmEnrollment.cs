using Microsoft.AspNetCore.Http;
using Zos.Core.Contracts;
using Zos.Core.Primitives;
using Zos.Registry.Accounts;
using Zos.Registry.Nodes;
using Zos.Registry.Storage;

namespace Zos.Registry.Farms;

/// <summary>
/// The farmer's side of enrollment: the nodes waiting for a farm, approving and refusing them, removing a node from
/// the farm (and from every network it was in), and deleting a farm that has no nodes left. Every write is the farm
/// owner's (<see cref="FarmOwnership"/>). Also the registration's consent check (<see cref="ConsentAsync"/>).
/// </summary>
public sealed class FarmEnrollment(IRegistryStore store, AccountService accounts, FarmService farms, NodeService nodes, ChangeNotifier notifier, TimeProvider time)
{
    /// <summary>At most this many node ids are named in a refusal to delete a farm (the count says the rest).</summary>
    public const int MaxNamedNodes = 10;

    /// <summary>The nodes that asked for farm <paramref name="farmId"/> without consent, pending and refused, oldest first.</summary>
    public async Task<IReadOnlyList<NodeView>> ListPendingAsync(uint farmId, CancellationToken ct)
    {
        await farms.RequireFarmAsync(farmId, ct);
        var waiting = await store.ListEnrollmentsAsync(farmId, ct);
        return await nodes.ViewsAsync([.. waiting.Select(w => w.Node)], ct);
    }

    public async Task<NodeView> ApproveAsync(string signer, uint farmId, string nodeId, CancellationToken ct)
    {
        await RequireOwnerAsync(signer, farmId, nodeId, ct);
        if (!await store.ApproveNodeAsync(nodeId, farmId, ct))
            throw await NotWaitingAsync(farmId, nodeId, ct);
        notifier.Signal([nodeId]);
        return await nodes.GetNodeAsync(nodeId, ct);
    }

    public async Task<NodeView> RefuseAsync(string signer, uint farmId, string nodeId, CancellationToken ct)
    {
        await RequireOwnerAsync(signer, farmId, nodeId, ct);
        if (!await store.RefuseNodeAsync(nodeId, farmId, time.GetUtcNow().ToUnixTimeMilliseconds(), ct))
            throw await NotWaitingAsync(farmId, nodeId, ct);
        return await nodes.GetNodeAsync(nodeId, ct);
    }

    /// <summary>Removes a node that is part of the farm or waits for it; the networks it was in drop it.</summary>
    public async Task RemoveNodeAsync(string signer, uint farmId, string nodeId, CancellationToken ct)
    {
        await RequireOwnerAsync(signer, farmId, nodeId, ct);
        var node = await store.GetNodeAsync(nodeId, ct) ?? throw ApiProblem.NotFound($"node {nodeId} is not registered");
        var enrollment = await store.GetEnrollmentAsync(nodeId, ct);
        if (node.FarmId != farmId && enrollment?.FarmId != farmId)
            throw ApiProblem.NotFound($"node {nodeId} is neither part of farm {farmId} nor waiting for it");
        var others = await store.RemoveNodeAsync(nodeId, ct) ?? throw ApiProblem.NotFound($"node {nodeId} is not registered");
        notifier.Signal([nodeId, .. others]);
    }

    /// <summary>Deletes a farm with no nodes (its tokens and the requests waiting for it go with it); 409 naming what is left otherwise.</summary>
    public async Task DeleteFarmAsync(string signer, uint farmId, CancellationToken ct)
    {
        await farms.RequireOwnedFarmAsync(signer, farmId, ct);
        var left = await store.DeleteFarmAsync(farmId, ct);
        if (left.Count == 0)
            return;
        var networks = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var id in left.Take(MaxNamedNodes))
        {
            foreach (var net in await store.ListNetworksOfNodeAsync(id, ct))
                networks.Add($"{net.Name} ({net.NetId})");
        }
        var named = string.Join(", ", left.Take(MaxNamedNodes)) + (left.Count > MaxNamedNodes ? $" and {left.Count - MaxNamedNodes} more" : "");
        var inNetworks = networks.Count == 0 ? "" : $"; networks using them: {string.Join(", ", networks.Take(MaxNamedNodes))}{(networks.Count > MaxNamedNodes ? " and more" : "")}";
        throw ApiProblem.Conflict("farmId",
            $"farm {farmId} still has {left.Count} node(s): {named}{inNetworks}; remove them first (zos farm node remove {farmId} <node-id>)");
    }

    /// <summary>
    /// The farmer's consent a registration for <paramref name="farm"/> carries: one of its MACs on the farm's list, or
    /// a token of this farm that is not revoked. A token that is malformed, unknown, of another farm or revoked is
    /// refused (403) unless the MAC list lets the node in or it is part of the farm already (revoking a token does not
    /// throw out the nodes that joined with it).
    /// </summary>
    public static async Task<FarmConsent> ConsentAsync(IRegistryStore store, Farm farm, NodeRegistration body, CancellationToken ct)
    {
        var listed = farm.Macs.Select(m => m.Mac).ToHashSet(StringComparer.Ordinal);
        if ((body.Interfaces ?? []).Any(i => i?.Mac is { } text && MacAddress.TryParse(text, null, out var mac) && listed.Contains(mac.ToString())))
            return new FarmConsent(true, null);
        if (string.IsNullOrEmpty(body.FarmToken))
            return FarmConsent.None;
        if ((await store.GetNodeAsync(body.NodeId, ct))?.FarmId == farm.Id)
            return FarmConsent.None;
        if (!FarmEnrollmentToken.IsWellFormed(body.FarmToken))
            throw TokenRefused($"farmToken is not a farm enrollment token ('{FarmEnrollmentToken.Prefix}' and {FarmEnrollmentToken.EncodedLength} base64url characters)");
        var token = await store.FindFarmTokenAsync(EnrollmentTokens.Hash(body.FarmToken), ct);
        if (token is null || token.FarmId != farm.Id)
            throw TokenRefused($"farmToken {FarmEnrollmentToken.Redacted(body.FarmToken)} is not an enrollment token of farm {farm.Id}");
        if (token.Revoked is { } revoked)
            throw TokenRefused($"farmToken {FarmEnrollmentToken.Redacted(body.FarmToken)} (token {token.Id} of farm {farm.Id}) was revoked at {revoked:u}; ask the farmer for a new one");
        return new FarmConsent(false, token.Id);
    }

    /// <summary>The answer to a registration of a node the farmer refused.</summary>
    public static ApiProblem Refused(string nodeId, StoredEnrollment refused) => Enrollment(
        $"the farmer of farm {refused.FarmId} refused node {nodeId} at {refused.Since.ToString(System.Globalization.CultureInfo.InvariantCulture)} (unix ms); " +
        "it stays refused until the farmer approves it (zos farm node approve) or removes it");

    private static ApiProblem TokenRefused(string why) => Enrollment(why);

    private static ApiProblem Enrollment(string why) =>
        new(StatusCodes.Status403Forbidden, "Forbidden", why, new Dictionary<string, string[]> { ["enrollment"] = [why] });

    private async Task RequireOwnerAsync(string signer, uint farmId, string nodeId, CancellationToken ct)
    {
        var farm = await farms.RequireFarmAsync(farmId, ct);
        FarmOwnership.Require(await accounts.SignerAccountAsync(signer, ct), farm, throughNode: nodeId);
    }

    private async Task<ApiProblem> NotWaitingAsync(uint farmId, string nodeId, CancellationToken ct)
    {
        var node = await store.GetNodeAsync(nodeId, ct);
        if (node is null)
            return ApiProblem.NotFound($"node {nodeId} is not registered");
        if (node.FarmId == farmId)
            return ApiProblem.Conflict("nodeId", $"node {nodeId} is part of farm {farmId} already; to take it out, remove it (zos farm node remove)");
        return ApiProblem.NotFound($"node {nodeId} is not waiting for farm {farmId}");
    }
}
