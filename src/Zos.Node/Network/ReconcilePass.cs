using Zos.Core.Contracts;
using Zos.Core.Networks;
using Zos.Core.Reconcile;
using Zos.Core.Reconcile.Operations;
using Zos.Linux.WireGuard;

namespace Zos.Node.Network;

/// <summary>
/// One reconcile pass: allocate keys, ports and leases against the persisted state (stopping before any kernel change
/// on conflict), persist, read the kernel back, plan with <see cref="NetworkReconciler"/>, apply in order, and build the
/// node report. An operation that fails is recorded in the report and the pass goes on with the other networks.
/// </summary>
/// <param name="faults">A fault a test injects before each operation (null on every real node).</param>
public sealed class ReconcilePass(NodeStateStore store, INetworkKernel kernel, IReadOnlyList<string> endpointHosts, IFaultInjector? faults = null)
{
    // Public key by private key (both base64): a Curve25519 scalar multiplication per network and pass adds up with a
    // hundred networks, and the answer never changes. Rebuilt each pass, so keys of removed networks do not linger.
    private Dictionary<string, string> _publicKeys = new(StringComparer.Ordinal);

    /// <summary>A pass offering the endpoint hosts given at construction.</summary>
    public Task<ReconcilePassResult> ReconcileAsync(DesiredState desired, CancellationToken ct) => ReconcileAsync(desired, endpointHosts, ct);

    /// <summary>A pass offering <paramref name="hosts"/> (addresses without port, see <see cref="EndpointCandidates"/>) as endpoints.</summary>
    public async Task<ReconcilePassResult> ReconcileAsync(DesiredState desired, IReadOnlyList<string> hosts, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(hosts);
        var state = store.Load();
        // Ports another program holds must not be handed to a new network: its device would fail to bind, or worse,
        // share the port (reuseport) and lose packets to the other program.
        IReadOnlySet<int> busy;
        try
        {
            busy = kernel.BusyUdpPorts();
        }
        catch (Exception e) when (e is Zos.Linux.Interop.SystemCallException or FormatException or IOException)
        {
            return new ReconcilePassResult([], new NodeReport(desired.Version, [], [$"cannot read the node's bound UDP ports, so no port can be chosen safely: {e.Message}"]));
        }
        var allocation = NodeStateAllocator.Allocate(state, desired.Networks, () => WireGuardKeyPair.Generate().PrivateKey.ToBase64(), busy);
        if (!allocation.Succeeded)
            return new ReconcilePassResult([], new NodeReport(desired.Version, [], allocation.Errors));
        // Persist before touching the kernel: a crash after this point finds the same keys, ports and leases.
        if (!ReferenceEquals(allocation.State, state))
            store.Save(allocation.State);

        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var resources = new List<DesiredResource>(desired.Networks.Count);
        var nodeErrors = new List<string>();
        foreach (var part in desired.Networks)
        {
            try
            {
                resources.Add(DesiredResource.From(part, allocation.State.Find(part.NetId)!));
            }
            catch (ArgumentException e)
            {
                nodeErrors.Add(e.Message);
            }
        }
        // The farm's ICMP echo choice, and the host and public rulesets kept in place on every pass, with or without
        // networks: a ruleset flushed behind the daemon's back, or a public namespace just made, is closed again here.
        kernel.AnswerIcmpEcho = desired.AnswerIcmpEcho;
        try
        {
            await kernel.EnsureHostFirewallAsync(new WireGuardPorts(resources.Select(r => r.ListenPort)), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            nodeErrors.Add($"firewall: {e.Message}");
        }
        var known = state.Networks.Concat(allocation.State.Networks).Select(n => n.NetId).ToHashSet(StringComparer.Ordinal);
        var actual = await kernel.ObserveAsync(known, ct);
        var plan = NetworkReconciler.Plan(resources, actual);
        var done = new List<ReconcileOperation>(plan.Count);
        var failed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var op in plan)
        {
            // Node-wide steps (ndmz) count as the network "": their failure is the node's, and stops only them.
            var netId = op is ResourceOperation r ? r.NetId.Value : "";
            if (failed.Contains(netId))
                continue;
            try
            {
                faults?.BeforeOperation(op);
                await kernel.ApplyAsync(op, ct);
                done.Add(op);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One broken network must not stop the others; the next pass retries it.
                failed.Add(netId);
                var message = $"{op}: {e.Message}";
                if (netId.Length == 0)
                    nodeErrors.Add(message);
                else
                    (errors.TryGetValue(netId, out var list) ? list : errors[netId] = []).Add(message);
            }
        }

        var reported = desired.Networks.Where(part => allocation.State.Find(part.NetId) is not null).ToList();
        var handshakes = await Task.WhenAll(reported.Select(part => HandshakesAsync(part.NetId, errors, ct)));
        var reports = new List<NetworkReport>();
        var publicKeys = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < reported.Count; i++)
        {
            var part = reported[i];
            var p = allocation.State.Find(part.NetId)!;
            if (!_publicKeys.TryGetValue(p.PrivateKey, out var publicKey))
                publicKey = WireGuardKeyPair.FromPrivateKey(WireGuardKey.FromBase64(p.PrivateKey)).PublicKey.ToBase64();
            publicKeys[p.PrivateKey] = publicKey;
            reports.Add(new NetworkReport(
                part.NetId, publicKey, p.ListenPort,
                [.. hosts.Select(h => EndpointCandidates.Format(h, p.ListenPort))],
                handshakes[i],
                errors.TryGetValue(part.NetId, out var e) ? e : [],
                kernel.WireGuardImplementation(part.NetId)));
        }
        _publicKeys = publicKeys;
        return new ReconcilePassResult(done, new NodeReport(desired.Version, reports, nodeErrors.Count == 0 ? null : nodeErrors));
    }

    /// <summary>The device's handshakes; a device that does not answer is an error of its network, not of the pass.</summary>
    private async Task<IReadOnlyList<PeerHandshake>> HandshakesAsync(string netId, Dictionary<string, List<string>> errors, CancellationToken ct)
    {
        try
        {
            return await kernel.HandshakesAsync(netId, ct);
        }
        catch (WireGuardException e)
        {
            lock (errors)
                (errors.TryGetValue(netId, out var list) ? list : errors[netId] = []).Add($"read handshakes: {e.Message}");
            return [];
        }
    }
}
