using System.Globalization;
using System.Net;
using Zos.Core.Contracts;
using Zos.Core.Naming;
using Zos.Core.Networks;
using Zos.Core.Nftables;
using Zos.Core.Primitives;
using Zos.Core.Reconcile;
using Zos.Core.Reconcile.Operations;
using Zos.Linux.Namespaces;
using Zos.Linux.Netlink;
using Zos.Linux.Sysctl;
using Zos.Linux.WireGuard;

namespace Zos.Node.Network;

/// <summary>
/// The real <see cref="INetworkKernel"/>: reads back what exists (<see cref="ObserveAsync"/>) and carries out one
/// <see cref="ReconcileOperation"/> at a time with netlink, namespaces and WireGuard devices (zos-networking.md §2.3, §4.4),
/// taking everything it needs from the operation itself.
/// It holds the wireguard-go devices it started; a device it does not hold (after a restart) is re-created.
/// Reads go through sockets kept open per namespace (<see cref="NamespaceWatch"/>): links, addresses and routes are
/// read again only when the namespace sent a notification since the last read, rulesets are trusted only while the
/// namespace's nftables generation is the one our own transaction left, and WireGuard devices are read every pass.
/// So a pass with nothing to do costs a few system calls per namespace and one UAPI exchange per device, yet still
/// sees a link deleted, an address or route removed, a ruleset flushed or a peer removed behind the daemon's back.
/// </summary>
public sealed class NetworkKernel : INetworkKernel, IAsyncDisposable
{
    private const string ResourcePrefix = "n-";
    private const string BridgePrefix = "b-";
    private readonly Dictionary<string, WireGuardDevice> _devices = new(StringComparer.Ordinal);
    private readonly NamespaceWatches _watches;
    private readonly NetworkFirewalls _firewalls;
    // Device states read by this pass's WithWireGuardAsync, reused for the report's handshakes unless an operation touched the network.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, WireGuardDeviceState> _passStates = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> _underlays = new(StringComparer.Ordinal);
    private readonly NetworkKernelOptions _options;

    public NetworkKernel(NetworkKernelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _watches = new NamespaceWatches(_options.HostNamespace);
        _firewalls = new NetworkFirewalls(options, _watches);
    }

    /// <summary>The namespace where w- links are created (their UDP socket stays there): "public" when it exists, else the host.</summary>
    public string? UnderlayNamespace => NetworkNamespace.Exists(_options.PublicNamespace) ? _options.PublicNamespace : _options.HostNamespace;

    private RouteNetlink OpenHost() => _options.HostNamespace is null ? RouteNetlink.Open() : RouteNetlink.Open(_options.HostNamespace);

    public async Task<ActualNodeState> ObserveAsync(IReadOnlySet<string> knownIds, CancellationToken ct) =>
        await WithWireGuardAsync(Observe(knownIds), ct);

    /// <summary>Links, addresses, routes and rulesets of ndmz and every network resource (no WireGuard device read).</summary>
    /// <param name="knownIds">NetIDs of the persisted state: their namespaces count even without a bridge (a pass cut short).
    /// Other n-* namespaces count only when their b- bridge is in this host namespace, so a foreign one is never touched.</param>
    public ActualNodeState Observe(IReadOnlySet<string> knownIds)
    {
        ArgumentNullException.ThrowIfNull(knownIds);
        var ids = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var ns in NetworkNamespace.List())
        {
            if (ns.StartsWith(ResourcePrefix, StringComparison.Ordinal) && NetId.TryParse(ns[ResourcePrefix.Length..], out var id) && knownIds.Contains(id.Value))
                ids.Add(id.Value);
        }
        var bridges = _watches.Host.Read(static nl => nl.GetLinks().Where(l => l.Kind == "bridge").Select(l => l.Name).ToHashSet(StringComparer.Ordinal));
        foreach (var b in bridges)
        {
            if (b.StartsWith(BridgePrefix, StringComparison.Ordinal) && NetId.TryParse(b[BridgePrefix.Length..], out var id))
                ids.Add(id.Value);
        }
        var underlay = UnderlayNamespace;
        var resources = ids.Select(id => ObserveResource(id, bridges, underlay)).ToList();
        return new ActualNodeState(NdmzReady(bridges), resources);
    }

    /// <summary>ndmz complete, and its ruleset, the host's and the public namespace's unchanged since applied (EnsureNdmz applies all three).</summary>
    private bool NdmzReady(HashSet<string> hostBridges)
    {
        if (!hostBridges.Contains(InterfaceNames.NdmzBridge) || _watches.Find(_options.NdmzNamespace) is not { } watch
            || !_firewalls.NdmzCurrent || !_firewalls.HostCurrent || !_firewalls.PublicCurrent)
            return false;
        return watch.Read(static nl =>
        {
            if (nl.FindLink(InterfaceNames.ToNetworkResources) is null || nl.FindLink(NdmzUplink.NdmzLink) is null)
                return NdmzLinks.Incomplete;
            var have = nl.GetAddresses(InterfaceNames.ToNetworkResources).Select(a => new InterfaceAddress(a.Address, a.PrefixLength)).ToHashSet();
            return NdmzLink.TonrsAddresses.All(have.Contains) ? NdmzLinks.Complete : NdmzLinks.Incomplete;
        }) == NdmzLinks.Complete;
    }

    /// <summary>The cached outcome of reading ndmz's links (a class, so it can sit in a <see cref="NamespaceWatch.Snapshot"/>).</summary>
    private sealed class NdmzLinks
    {
        public static readonly NdmzLinks Complete = new();
        public static readonly NdmzLinks Incomplete = new();
    }

    private ActualResource ObserveResource(string id, HashSet<string> hostBridges, string? underlayNow)
    {
        var netId = NetIdOf(id);
        var actual = new ActualResource(id) { BridgeExists = hostBridges.Contains(netId.BridgeName) };
        if (_watches.Find(netId.NamespaceName) is not { } watch)
        {
            // Gone: a namespace made again later may get the freed inode number back, so the record must not outlive it.
            _firewalls.Forget(id);
            return actual;
        }
        var inside = watch.Read(ReadInside);
        // Held and created in today's underlay: when the public namespace appeared, changed or went away, the device
        // is re-created so its socket listens where the published endpoint points (zos#1759).
        var held = _devices.ContainsKey(id) && _underlays.TryGetValue(id, out var underlay) && underlay == underlayNow
            && (underlay is null || underlay == _options.HostNamespace || NetworkNamespace.Exists(underlay));
        return actual with
        {
            NamespaceExists = true,
            Links = inside.Links,
            Routes = inside.Routes,
            // A w- link whose wireguard-go this process did not start cannot be configured: it is re-created.
            WireGuardUnderlayCurrent = held,
            // Applied by this process and the namespace's nftables generation unchanged since (after a restart each is applied again).
            FirewallCurrent = _firewalls.IsCurrent(id, watch),
        };
    }

    /// <summary>
    /// Links with their addresses and main-table routes of a resource namespace (one dump each). Routes the kernel made
    /// for an address, and entries that are no unicast route, are left out: they are nobody's to add or remove.
    /// </summary>
    private static ActualResource ReadInside(RouteNetlink nl)
    {
        var links = nl.GetLinks();
        var names = links.ToDictionary(l => l.Index, l => l.Name);
        var addresses = nl.GetAddresses();
        var byLink = links.Where(l => l.Name != "lo").ToDictionary(
            l => l.Name,
            l => (IReadOnlyList<InterfaceAddress>)addresses.Where(a => a.LinkIndex == l.Index).Select(a => new InterfaceAddress(a.Address, a.PrefixLength)).ToList(),
            StringComparer.Ordinal);
        var routes = nl.GetRoutes(table: 254)
            .Where(r => r.OutputLinkIndex is { } i && names.ContainsKey(i) && r.IsUnicast && !r.AddedByKernel)
            .Select(r => new ResourceRoute(r.Destination, r.Gateway, names[r.OutputLinkIndex!.Value]))
            .ToList();
        return new ActualResource("") { NamespaceExists = true, Links = byLink, Routes = routes };
    }

    /// <summary>Fills in the WireGuard part of an observed resource from the device this process holds.</summary>
    public async Task<ActualNodeState> WithWireGuardAsync(ActualNodeState state, CancellationToken ct)
    {
        // One UAPI round trip per device, all at once: with a hundred networks the no-op pass is mostly these.
        var states = await Task.WhenAll(state.Resources.Select(r => ReadDeviceAsync(r.NetId, ct)));
        _passStates.Clear();
        var resources = new List<ActualResource>(state.Resources.Count);
        for (var i = 0; i < state.Resources.Count; i++)
        {
            var r = state.Resources[i];
            if (states[i] is not { } s)
            {
                // Not held: re-created by the plan. Held but silent: seen without key or peers, so the plan configures it
                // (a device that still does not answer becomes an error of its network only; the other networks go on).
                resources.Add(r);
                continue;
            }
            _passStates[r.NetId] = s;
            resources.Add(r with
            {
                WireGuardPrivateKey = s.PrivateKey?.ToBase64(),
                WireGuardListenPort = s.ListenPort,
                WireGuardPeers = [.. s.Peers.Select(p => new PeerSpec(
                    p.PublicKey.ToBase64(),
                    [.. p.AllowedIps.Select(a => a.ToString())],
                    p.Endpoint is null ? null : FormatEndpoint(p.Endpoint),
                    p.PersistentKeepaliveSeconds == 0 ? null : p.PersistentKeepaliveSeconds))],
            });
        }
        return state with { Resources = resources };
    }

    /// <summary>The held device's state, or null when none is held or it does not answer.</summary>
    private async Task<WireGuardDeviceState?> ReadDeviceAsync(string netId, CancellationToken ct)
    {
        if (!_devices.TryGetValue(netId, out var device))
            return null;
        try
        {
            return await ReadStateAsync(device, ct);
        }
        catch (WireGuardException)
        {
            return null;
        }
    }

    /// <summary>
    /// A device's state in up to five tries over about 300 ms: on a heavily loaded machine a wireguard-go that is not
    /// scheduled in time refuses connections (EAGAIN from connect(2), a full accept queue, which .NET reports as
    /// "Cannot assign requested address").
    /// </summary>
    private static async Task<WireGuardDeviceState> ReadStateAsync(WireGuardDevice device, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await device.GetStateAsync(ct);
            }
            // Only refused connections are retried: a device that accepted and then did not answer already took the 10 s timeout.
            catch (WireGuardException e) when (attempt < 5 && e.InnerException is System.Net.Sockets.SocketException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20 << (attempt - 1)), ct);
            }
        }
    }

    /// <summary>
    /// The latest handshakes of a held device (empty when none): as this pass's <see cref="WithWireGuardAsync"/> read
    /// them when no operation touched the network since, else read now.
    /// </summary>
    public async Task<IReadOnlyList<PeerHandshake>> HandshakesAsync(string netId, CancellationToken ct)
    {
        if (!_devices.TryGetValue(netId, out var device))
            return [];
        var s = _passStates.TryGetValue(netId, out var read) ? read : await ReadStateAsync(device, ct);
        return [.. s.Peers.Select(p => new PeerHandshake(p.PublicKey.ToBase64(), p.LastHandshake))];
    }

    public async Task ApplyAsync(ReconcileOperation operation, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(operation);
        if (operation is ResourceOperation r)
            _passStates.TryRemove(r.NetId.Value, out _);
        switch (operation)
        {
            case DeleteNetwork op:
                await DeleteNetworkAsync(op.NetId);
                _firewalls.Forget(op.NetId.Value);
                await ApplyUnderlayFirewallsAsync(op.HostPorts, ct);
                return;
            case EnsureNdmz op:
                EnsureNdmz();
                await _firewalls.ApplyNdmzAsync(ct);
                await ApplyUnderlayFirewallsAsync(op.HostPorts, ct);
                return;
            case CreateNamespace op:
                using (var ns = NetworkNamespace.Ensure(op.NetId.NamespaceName))
                {
                    NamespaceSysctl.Write(ns, "net.ipv4.ip_forward", "1");
                    NamespaceSysctl.Write(ns, "net.ipv6.conf.all.forwarding", "1");
                    using var nl = RouteNetlink.Open(ns);
                    nl.SetUp("lo");
                }
                return;
            case CreateBridge op:
                using (var host = OpenHost())
                {
                    host.EnsureBridge(op.NetId.BridgeName);
                    host.SetUp(op.NetId.BridgeName);
                }
                return;
            case CreateGatewayLink op:
                CreateMacvlanInside(op.NetId, op.NetId.GatewayLinkName, op.NetId.BridgeName);
                return;
            case CreatePublicLink op:
                CreateMacvlanInside(op.NetId, InterfaceNames.Public, InterfaceNames.NdmzBridge);
                return;
            case CreateWireGuard op:
                await CreateWireGuardAsync(op.NetId, ct);
                // The socket may have moved between the host and the public namespace: open or close its port in the host.
                await ApplyUnderlayFirewallsAsync(op.HostPorts, ct);
                return;
            case AddAddress op:
            {
                using var nl = RouteNetlink.Open(op.NetId.NamespaceName);
                nl.EnsureAddress(op.Link, op.Address.Address, op.Address.PrefixLength, AddressFlagsFor(op.Address));
                return;
            }
            case RemoveAddress op:
            {
                using var nl = RouteNetlink.Open(op.NetId.NamespaceName);
                nl.EnsureAddressDeleted(op.Link, op.Address.Address, op.Address.PrefixLength);
                return;
            }
            case AddRoute op:
            {
                using var nl = RouteNetlink.Open(op.NetId.NamespaceName);
                nl.EnsureRoute(KernelRoute(op.Route));
                return;
            }
            case RemoveRoute op:
            {
                using var nl = RouteNetlink.Open(op.NetId.NamespaceName);
                nl.EnsureRouteDeleted(KernelRoute(op.Route));
                return;
            }
            case ConfigureWireGuard op:
                // The device diffs key, port and peers itself (UAPI set without replace_peers): no link down.
                await HeldDevice(op.NetId).ApplyAsync(ConfigOf(op.WireGuard), ct);
                return;
            case SetPeers op:
                await HeldDevice(op.NetId).ApplyAsync(ConfigOf(op.WireGuard), ct);
                return;
            case ApplyFirewall op:
                await _firewalls.ApplyResourceAsync(op.NetId, [op.Subnet, op.UlaSubnet], ct);
                await ApplyUnderlayFirewallsAsync(op.HostPorts, ct);
                return;
            default:
                throw new ArgumentOutOfRangeException(nameof(operation), operation, $"unknown operation {operation}");
        }
    }

    /// <summary>Applies the host firewall now, with <paramref name="ports"/> open when the WireGuard sockets live in the host namespace. Call at start, before any network exists.</summary>
    public Task EnsureHostFirewallAsync(WireGuardPorts ports, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(ports);
        return ApplyUnderlayFirewallsAsync(ports, ct);
    }

    public bool AnswerIcmpEcho
    {
        get => _firewalls.AnswerIcmpEcho;
        set => _firewalls.AnswerIcmpEcho = value;
    }

    /// <summary>The host's ruleset and the public namespace's, each with the WireGuard ports open where the sockets live.</summary>
    private async Task ApplyUnderlayFirewallsAsync(WireGuardPorts ports, CancellationToken ct)
    {
        await _firewalls.ApplyHostAsync(PortsInHost(ports), ct);
        await _firewalls.ApplyPublicAsync(UnderlayNamespace == _options.PublicNamespace ? ports.Ports : [], ct);
    }

    /// <summary>The host firewall settings a pass with <paramref name="ports"/> applies (uplink prefixes read now).</summary>
    public HostFirewallOptions HostFirewallOptions(WireGuardPorts ports)
    {
        ArgumentNullException.ThrowIfNull(ports);
        return _firewalls.HostOptions(PortsInHost(ports));
    }

    public string? WireGuardImplementation(string netId) =>
        _devices.TryGetValue(netId, out var device)
            ? device.Backend == WireGuardBackend.Kernel ? WireGuardImplementations.Kernel : WireGuardImplementations.WireGuardGo
            : null;

    public IReadOnlySet<int> BusyUdpPorts()
    {
        var ports = new HashSet<int>();
        using (var host = _options.HostNamespace is null ? NetworkNamespace.OpenCurrent() : NetworkNamespace.Open(_options.HostNamespace))
            ports.UnionWith(Zos.Linux.Sockets.UdpPortTable.ReadBoundPorts(host));
        if (NetworkNamespace.Exists(_options.PublicNamespace))
        {
            using var pub = NetworkNamespace.Open(_options.PublicNamespace);
            ports.UnionWith(Zos.Linux.Sockets.UdpPortTable.ReadBoundPorts(pub));
        }
        return ports;
    }

    public IReadOnlyList<IPAddress> UplinkAddresses()
    {
        try
        {
            var nl = _watches.Host.Netlink;
            return nl.FindLink(_options.Uplink) is null ? [] : [.. nl.GetAddresses(_options.Uplink).Select(a => a.Address)];
        }
        catch (NetlinkException)
        {
            return [];
        }
    }

    /// <summary>
    /// Calls <paramref name="changed"/> when a link of the host namespace goes away (a bridge or uplink removed behind
    /// our back) or events were lost; returns when stopped, or at once after telling <paramref name="unavailable"/>
    /// why no events can be had (the periodic pass then still repairs drift, only later).
    /// </summary>
    public async Task WatchLinkRemovalsAsync(Action changed, Action<string> unavailable, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(changed);
        ArgumentNullException.ThrowIfNull(unavailable);
        try
        {
            using var events = OpenHostEvents();
            await foreach (var e in events.ReadAllAsync(ct))
            {
                if (e.Kind is RouteNetlinkEventKind.LinkRemoved or RouteNetlinkEventKind.Overrun)
                    changed();
            }
        }
        catch (Exception e) when (e is NetlinkException or IOException or System.Net.Sockets.SocketException)
        {
            unavailable(e.Message);
        }
    }

    private RouteNetlinkEvents OpenHostEvents()
    {
        if (_options.HostNamespace is null)
            return RouteNetlinkEvents.Open(RouteNetlinkGroups.Links);
        using var ns = NetworkNamespace.Open(_options.HostNamespace);
        return RouteNetlinkEvents.Open(ns, RouteNetlinkGroups.Links);
    }

    /// <summary>The ports to open in the host: all of them when the sockets live there (no public namespace), else none.</summary>
    private IReadOnlyList<ushort> PortsInHost(WireGuardPorts ports) => UnderlayNamespace == _options.HostNamespace ? ports.Ports : [];

    private static RouteSpec KernelRoute(ResourceRoute route) => new(route.Destination) { Gateway = route.Gateway, Device = route.Device };

    private WireGuardDevice HeldDevice(NetId netId) =>
        _devices.TryGetValue(netId.Value, out var device)
            ? device
            : throw new InvalidOperationException($"{netId.WireGuardName}: no wireguard-go device held for it (CreateWireGuard did not run)");

    private void CreateMacvlanInside(NetId netId, string name, string parent)
    {
        using var ns = NetworkNamespace.Open(netId.NamespaceName);
        using var host = OpenHost();
        host.CreateMacvlan(name, parent, MacvlanMode.Bridge, new LinkCreateOptions { Namespace = ns, Up = true });
    }

    private async Task CreateWireGuardAsync(NetId netId, CancellationToken ct)
    {
        var id = netId.Value;
        var link = netId.WireGuardName;
        if (_devices.Remove(id, out var old))
            await old.DisposeAsync();
        using (var inside = RouteNetlink.Open(netId.NamespaceName))
            inside.EnsureLinkDeleted(link);
        var underlay = UnderlayNamespace;
        // A crash between creating the device and moving it in leaves the link (and its wireguard-go, which exits
        // when its TUN goes) in the underlay namespace.
        using (var stray = underlay is null ? RouteNetlink.Open() : RouteNetlink.Open(underlay))
            stray.EnsureLinkDeleted(link);
        var device = await WireGuardDevice.CreateAsync(
            new WireGuardDeviceOptions(link) { NetworkNamespace = underlay, RuntimeDirectory = _options.WireGuardRuntimeDirectory }, ct);
        try
        {
            using var from = underlay is null ? RouteNetlink.Open() : RouteNetlink.Open(underlay);
            using var target = NetworkNamespace.Open(netId.NamespaceName);
            from.MoveToNamespace(link, target);
            device.LinkMovedTo(netId.NamespaceName);
            using var nl = RouteNetlink.Open(target);
            nl.SetMtu(link, DesiredResource.WireGuardMtu);
            nl.SetUp(link);
        }
        catch
        {
            await device.DisposeAsync();
            throw;
        }
        _devices[id] = device;
        _underlays[id] = underlay;
    }

    private async Task DeleteNetworkAsync(NetId netId)
    {
        if (_devices.Remove(netId.Value, out var device))
            await device.DisposeAsync();
        _underlays.Remove(netId.Value);
        // Our open sockets would keep the deleted namespace (and its links) alive.
        _watches.Forget(netId.NamespaceName);
        NetworkNamespace.EnsureDeleted(netId.NamespaceName);
        using var host = OpenHost();
        host.EnsureLinkDeleted(netId.BridgeName);
    }

    /// <summary>
    /// br-ndmz, namespace ndmz with forwarding on, tonrs (macvlan on br-ndmz) with its three addresses, and the
    /// tondmz/tohost veth to the host with default routes toward the host and return routes in the host; the host
    /// forwards (accept_ra=2 on the uplink first, so that turning forwarding on does not stop SLAAC on it).
    /// </summary>
    private void EnsureNdmz()
    {
        using var host = OpenHost();
        host.EnsureBridge(InterfaceNames.NdmzBridge);
        host.SetUp(InterfaceNames.NdmzBridge);
        using var ns = NetworkNamespace.Ensure(_options.NdmzNamespace);
        NamespaceSysctl.Write(ns, "net.ipv4.ip_forward", "1");
        NamespaceSysctl.Write(ns, "net.ipv6.conf.all.forwarding", "1");
        using var nl = RouteNetlink.Open(ns);
        nl.SetUp("lo");
        if (nl.FindLink(InterfaceNames.ToNetworkResources) is null)
            host.CreateMacvlan(InterfaceNames.ToNetworkResources, InterfaceNames.NdmzBridge, MacvlanMode.Bridge, new LinkCreateOptions { Namespace = ns, Up = true });
        foreach (var a in NdmzLink.TonrsAddresses)
            nl.EnsureAddress(InterfaceNames.ToNetworkResources, a.Address, a.PrefixLength, AddressFlagsFor(a));

        if (nl.FindLink(NdmzUplink.NdmzLink) is null)
        {
            host.EnsureLinkDeleted(NdmzUplink.HostLink);
            host.CreateVeth(NdmzUplink.HostLink, NdmzUplink.NdmzLink, new LinkCreateOptions { Up = true }, new LinkCreateOptions { Namespace = ns, Up = true });
        }
        host.SetUp(NdmzUplink.HostLink);
        nl.SetUp(NdmzUplink.NdmzLink);
        foreach (var a in NdmzUplink.HostAddresses)
            host.EnsureAddress(NdmzUplink.HostLink, a.Address, a.PrefixLength, AddressFlagsFor(a));
        foreach (var a in NdmzUplink.NdmzAddresses)
            nl.EnsureAddress(NdmzUplink.NdmzLink, a.Address, a.PrefixLength, AddressFlagsFor(a));
        nl.EnsureRoute(new RouteSpec(IPNetwork.Parse("0.0.0.0/0")) { Gateway = NdmzUplink.Host4, Device = NdmzUplink.NdmzLink });
        nl.EnsureRoute(new RouteSpec(IPNetwork.Parse("::/0")) { Gateway = NdmzUplink.Host6, Device = NdmzUplink.NdmzLink });
        foreach (var prefix in NdmzUplink.UserNetworkSources)
        {
            var via = prefix.BaseAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? NdmzUplink.Ndmz4 : NdmzUplink.Ndmz6;
            host.EnsureRoute(new RouteSpec(prefix) { Gateway = via, Device = NdmzUplink.HostLink });
        }

        using var hostNs = _options.HostNamespace is null ? NetworkNamespace.OpenCurrent() : NetworkNamespace.Open(_options.HostNamespace);
        if (host.FindLink(_options.Uplink) is not null)
            NamespaceSysctl.Write(hostNs, $"net/ipv6/conf/{_options.Uplink}/accept_ra", "2");
        NamespaceSysctl.Write(hostNs, "net.ipv4.ip_forward", "1");
        NamespaceSysctl.Write(hostNs, "net.ipv6.conf.all.forwarding", "1");
    }

    // Our addresses are unique by construction; DAD would only delay them (RFC 4862 §5.4 allows skipping).
    private static AddressFlags AddressFlagsFor(InterfaceAddress a) =>
        a.Family == System.Net.Sockets.AddressFamily.InterNetworkV6 ? AddressFlags.NoDad : AddressFlags.None;

    private static WireGuardConfig ConfigOf(DesiredWireGuard d) => new(
        WireGuardKey.FromBase64(d.PrivateKey),
        checked((ushort)d.ListenPort),
        [.. d.Peers.Select(p => new WireGuardPeer(
            WireGuardKey.FromBase64(p.PublicKey),
            p.Endpoint is null ? null : IPEndPoint.Parse(p.Endpoint),
            [.. p.AllowedIps.Select(IPNetwork.Parse)],
            checked((ushort)(p.PersistentKeepalive ?? 0))))]);

    private static string FormatEndpoint(IPEndPoint e) =>
        e.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
            ? $"[{e.Address}]:{e.Port.ToString(CultureInfo.InvariantCulture)}"
            : $"{e.Address}:{e.Port.ToString(CultureInfo.InvariantCulture)}";

    private static NetId NetIdOf(string id) =>
        NetId.TryParse(id, out var n) ? n : throw new ArgumentException($"netId '{id}' is not a 13-character base58 NetID", nameof(id));

    public async ValueTask DisposeAsync()
    {
        foreach (var d in _devices.Values)
            await d.DisposeAsync();
        _devices.Clear();
        _watches.Dispose();
    }
}
