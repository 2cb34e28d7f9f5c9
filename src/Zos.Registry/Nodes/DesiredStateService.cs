using Zos.Core.Contracts;
using Zos.Core.Validation;
using Zos.Registry.Networks;
using Zos.Registry.Storage;
using Zos.Registry.Validation;

namespace Zos.Registry.Nodes;

/// <summary>
/// The node's side of the desired-state loop: its desired state (public config and its parts of user networks) with
/// the long-poll on its version, and the report it sends back of what only it knows (WireGuard keys, ports,
/// endpoints), which moves the other members' desired states. <c>signer</c> is the base58 key that signed the request.
/// </summary>
public sealed class DesiredStateService(IRegistryStore store, NetworkService networks, ChangeNotifier notifier, TimeProvider time, RegistryOptions options)
{
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
        var parts = await networks.PartsOfNodeAsync(nodeId, ct);
        // The farm's ICMP echo choice; an orphan (or a farm gone) keeps the default: answered.
        var echo = node.FarmId is { } farmId && await store.GetFarmAsync(farmId, ct) is { } farm ? farm.Farm.AnswerIcmpEcho : true;
        return new DesiredState(nodeId, node.DesiredVersion, node.FarmId, node.Document.PublicConfig, parts, echo);
    }

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
        // The reporting node is among them too: a member without a key is left out of the mesh, so its own peers
        // (e.g. a hidden node's access node) appear only once its first report is in.
        IReadOnlyCollection<string> touch = MeshKey(node.Report) != MeshKey(body) ? await networks.MeshNeighboursAsync(nodeId, ct) : [];
        await store.SaveReportAsync(nodeId, body with { Networks = reports }, touch, ct);
        notifier.Signal(touch);
    }
}
