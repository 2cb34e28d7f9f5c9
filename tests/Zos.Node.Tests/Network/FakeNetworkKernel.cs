using System.Net;
using Zos.Core.Contracts;
using Zos.Core.Primitives;
using Zos.Core.Reconcile;
using Zos.Core.Reconcile.Operations;
using Zos.Node.Network;

namespace Zos.Node.Tests.Network;

/// <summary>
/// A kernel in memory behind <see cref="INetworkKernel"/>: each operation changes the state the next observation
/// returns as the real kernel would, so a converged node plans nothing. Tests change that state behind the daemon's
/// back (<see cref="Change"/>), make one attempt fail (<see cref="FailOnce"/>) and read what was applied.
/// </summary>
internal sealed class FakeNetworkKernel : INetworkKernel
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, ActualResource> _resources = new(StringComparer.Ordinal);
    private readonly List<ReconcileOperation> _applied = [];
    private readonly List<WireGuardPorts> _hostFirewalls = [];
    private bool _ndmzReady;

    /// <summary>The farm's ICMP echo choice as the last pass set it.</summary>
    public bool AnswerIcmpEcho { get; set; } = true;
    private (Func<ReconcileOperation, bool> Which, string Message)? _failure;

    /// <summary>Operations carried out, in order (failed attempts are not in it).</summary>
    public IReadOnlyList<ReconcileOperation> Applied
    {
        get
        {
            lock (_lock)
                return [.. _applied];
        }
    }

    /// <summary>Port sets the host firewall was applied with by <see cref="EnsureHostFirewallAsync"/>.</summary>
    public IReadOnlyList<WireGuardPorts> HostFirewalls
    {
        get
        {
            lock (_lock)
                return [.. _hostFirewalls];
        }
    }

    public ActualResource Resource(string netId)
    {
        lock (_lock)
            return _resources[netId];
    }

    /// <summary>The next attempt of an operation matching <paramref name="which"/> throws <paramref name="message"/>.</summary>
    public void FailOnce(Func<ReconcileOperation, bool> which, string message)
    {
        lock (_lock)
            _failure = (which, message);
    }

    /// <summary>Changes a resource behind the daemon's back.</summary>
    public void Change(string netId, Func<ActualResource, ActualResource> change)
    {
        lock (_lock)
            _resources[netId] = change(_resources[netId]);
    }

    public Task<ActualNodeState> ObserveAsync(IReadOnlySet<string> knownIds, CancellationToken ct)
    {
        lock (_lock)
            return Task.FromResult(new ActualNodeState(_ndmzReady, [.. _resources.Values]));
    }

    public Task ApplyAsync(ReconcileOperation operation, CancellationToken ct)
    {
        lock (_lock)
        {
            if (_failure is { } f && f.Which(operation))
            {
                _failure = null;
                throw new InvalidOperationException(f.Message);
            }
            Apply(operation);
            _applied.Add(operation);
        }
        return Task.CompletedTask;
    }

    private void Apply(ReconcileOperation operation)
    {
        switch (operation)
        {
            case EnsureNdmz:
                _ndmzReady = true;
                break;
            case DeleteNetwork op:
                _resources.Remove(op.NetId.Value);
                break;
            case CreateNamespace op:
                Update(op, r => r with { NamespaceExists = true });
                break;
            case CreateBridge op:
                Update(op, r => r with { BridgeExists = true });
                break;
            case CreateGatewayLink op:
                Update(op, r => WithLink(r, op.NetId.GatewayLinkName, []));
                break;
            case CreatePublicLink op:
                Update(op, r => WithLink(r, Zos.Core.Naming.InterfaceNames.Public, []));
                break;
            case CreateWireGuard op:
                // A new device: no address, no route through it, no key, port or peers yet.
                Update(op, r => WithLink(r, op.NetId.WireGuardName, []) with
                {
                    Routes = [.. r.Routes.Where(route => route.Device != op.NetId.WireGuardName)],
                    WireGuardUnderlayCurrent = true,
                    WireGuardPrivateKey = null,
                    WireGuardListenPort = 0,
                    WireGuardPeers = [],
                });
                break;
            case AddAddress op:
                Update(op, r => WithLink(r, op.Link, [.. r.Links[op.Link], op.Address]));
                break;
            case RemoveAddress op:
                Update(op, r => WithLink(r, op.Link, [.. r.Links[op.Link].Where(a => a != op.Address)]));
                break;
            case AddRoute op:
                Update(op, r => r with { Routes = [.. r.Routes, op.Route] });
                break;
            case RemoveRoute op:
                Update(op, r => r with { Routes = [.. r.Routes.Where(route => route != op.Route)] });
                break;
            case ConfigureWireGuard op:
                Update(op, r => WithWireGuard(r, op.WireGuard));
                break;
            case SetPeers op:
                Update(op, r => WithWireGuard(r, op.WireGuard));
                break;
            case ApplyFirewall op:
                Update(op, r => r with { FirewallCurrent = true });
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(operation), operation, "unknown operation");
        }
    }

    private void Update(ResourceOperation op, Func<ActualResource, ActualResource> change)
    {
        var id = op.NetId.Value;
        _resources[id] = change(_resources.TryGetValue(id, out var r) ? r : new ActualResource(id));
    }

    private static ActualResource WithLink(ActualResource r, string link, IReadOnlyList<InterfaceAddress> addresses)
    {
        var links = r.Links.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        links[link] = addresses;
        return r with { Links = links };
    }

    // The real device takes key, port and peers in one configuration.
    private static ActualResource WithWireGuard(ActualResource r, DesiredWireGuard wireGuard) => r with
    {
        WireGuardPrivateKey = wireGuard.PrivateKey,
        WireGuardListenPort = wireGuard.ListenPort,
        WireGuardPeers = wireGuard.Peers,
    };

    public Task<IReadOnlyList<PeerHandshake>> HandshakesAsync(string netId, CancellationToken ct) => Task.FromResult<IReadOnlyList<PeerHandshake>>([]);

    public Task EnsureHostFirewallAsync(WireGuardPorts ports, CancellationToken ct)
    {
        lock (_lock)
            _hostFirewalls.Add(ports);
        return Task.CompletedTask;
    }

    public IReadOnlyList<IPAddress> UplinkAddresses() => [IPAddress.Parse("2001:db8:7::5")];

    /// <summary>UDP ports "held by another program" in this fake node.</summary>
    public HashSet<int> Busy { get; } = [];

    public IReadOnlySet<int> BusyUdpPorts() => Busy;

    /// <summary>What <see cref="WireGuardImplementation"/> answers for every network (null: no device held).</summary>
    public string? Implementation { get; set; } = WireGuardImplementations.WireGuardGo;

    public string? WireGuardImplementation(string netId) => Implementation;
}
