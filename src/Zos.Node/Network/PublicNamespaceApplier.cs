using System.Net;
using System.Net.Sockets;
using Zos.Core.Naming;
using Zos.Core.Nftables;
using Zos.Core.Primitives;
using Zos.Core.Public;
using Zos.Linux.Namespaces;
using Zos.Linux.Netlink;
using Zos.Linux.Nftables;
using Zos.Linux.Processes;
using Zos.Linux.Sysctl;

namespace Zos.Node.Network;

/// <summary>
/// The kernel side of br-pub and the <c>public</c> namespace (reference §3.2-3.4): wires br-pub to its uplink (a NIC,
/// or the tozos/p-tozos veth into zos), checks that a public config's gateway answers ARP/ND from a throw-away test
/// namespace before anything changes (zos#1813), then applies, changes or removes the namespace without a reboot
/// (PR zos#1773). Network resources whose WireGuard socket must move follow on the next reconcile pass
/// (<see cref="NetworkKernel"/> compares each device's underlay with <see cref="NetworkKernel.UnderlayNamespace"/>, zos#1759).
/// </summary>
/// <param name="nodeId">The node identity: the public macvlan's MAC is derived from it as Zero-OS does (reference §3.4);
/// the test interface gets another derived MAC (two macvlans on one bridge cannot share one).</param>
public sealed class PublicNamespaceApplier(NetworkKernelOptions options, string nodeId) : IPublicNamespace
{
    private readonly MacAddress _mac = DerivedMac.ForPublic(nodeId);
    private readonly MacAddress _probeMac = DerivedMac.FromText(nodeId + "-pubcheck");

    public bool Exists => NetworkNamespace.Exists(options.PublicNamespace);

    private RouteNetlink OpenHost() => options.HostNamespace is null ? RouteNetlink.Open() : RouteNetlink.Open(options.HostNamespace);

    /// <summary>Creates br-pub if missing and makes <paramref name="choice"/> its only uplink (the previous one is detached).</summary>
    public void EnsureBridge(PublicUplinkChoice choice)
    {
        ArgumentNullException.ThrowIfNull(choice);
        using var host = OpenHost();
        // vlan:pub on a NIC of its own tags br-pub's traffic there (ZosVlanPlan.ForPublicBridge): br-pub filters VLANs then.
        var filtering = choice.Kind == PublicUplinkKind.Nic && options.PublicVlan is not null;
        host.EnsureBridge(InterfaceNames.PublicBridge, filtering);
        var bridge = host.GetLink(InterfaceNames.PublicBridge);
        if (filtering && bridge.VlanFiltering != true)
            host.SetBridgeVlanFiltering(InterfaceNames.PublicBridge, true);
        foreach (var port in host.GetLinks().Where(l => l.MasterIndex == bridge.Index))
        {
            var keep = choice.Kind == PublicUplinkKind.Nic ? port.Name == choice.Nic : port.Name == InterfaceNames.PublicToZos;
            if (keep || port.Kind == "macvlan")
                continue;
            if (port.Name == InterfaceNames.PublicToZos)
                host.EnsureLinkDeleted(InterfaceNames.PublicToZos);
            else
                host.SetNoMaster(port.Name);
        }
        if (choice.Kind == PublicUplinkKind.Nic)
        {
            var nic = choice.Nic ?? throw new ArgumentException("a NIC uplink needs a NIC name", nameof(choice));
            host.EnsureLinkDeleted(InterfaceNames.PublicToZos);
            host.SetMaster(nic, InterfaceNames.PublicBridge);
            host.SetUp(nic);
            ApplyVlanSteps(host, Zos.Core.Bringup.ZosVlanPlan.ForPublicBridge(nic, options.PublicVlan));
        }
        else if (host.FindLink(InterfaceNames.PublicToZos) is null)
        {
            host.EnsureLinkDeleted(InterfaceNames.ToZos);
            host.CreateVeth(InterfaceNames.ToZos, InterfaceNames.PublicToZos, new LinkCreateOptions { Up = true }, new LinkCreateOptions { Up = true });
        }
        if (choice.Kind == PublicUplinkKind.SingleNic)
        {
            // Enslaved explicitly (idempotent): a master given for the peer at creation is not applied to it.
            host.SetMaster(InterfaceNames.ToZos, InterfaceNames.ZosBridge);
            host.SetMaster(InterfaceNames.PublicToZos, InterfaceNames.PublicBridge);
            host.SetUp(InterfaceNames.ToZos);
            host.SetUp(InterfaceNames.PublicToZos);
            // vlan:pub: br-pub's frames enter zos untagged on tozos and leave the NIC tagged with the public VID.
            ApplyVlanSteps(host, Zos.Core.Bringup.ZosVlanPlan.ForToZos(options.PublicVlan));
        }
        host.SetUp(InterfaceNames.PublicBridge);
    }

    /// <summary>Carries out bridge VLAN steps, each only when needed, so running them again (every pass) changes nothing.</summary>
    private static void ApplyVlanSteps(RouteNetlink host, IReadOnlyList<Zos.Core.Bringup.BridgeVlanStep> steps)
    {
        var have = new Dictionary<string, IReadOnlyList<BridgeVlan>>(StringComparer.Ordinal);
        foreach (var step in steps)
        {
            var key = step.Device + (step.Self ? " self" : "");
            if (!have.TryGetValue(key, out var current))
                have[key] = current = host.GetBridgeVlans(step.Device);
            var want = new BridgeVlan(step.Vid, step.Pvid, step.Untagged);
            if (step.Add && !current.Contains(want))
                host.AddBridgeVlan(step.Device, want, step.Self);
            else if (!step.Add && current.Any(v => v.VlanId == step.Vid))
                host.DeleteBridgeVlan(step.Device, new BridgeVlan(step.Vid), step.Self);
        }
    }

    /// <summary>
    /// Applies <paramref name="setup"/> (null: no public config, the namespace is removed). A config whose gateway does
    /// not answer from a test interface on br-pub is refused with an error naming it, and nothing changes.
    /// </summary>
    public async Task ApplyAsync(PublicSetup? setup, CancellationToken ct)
    {
        if (setup is null)
        {
            NetworkNamespace.EnsureDeleted(options.PublicNamespace);
            return;
        }
        await CheckGatewaysAsync(setup, ct).ConfigureAwait(false);
        var created = !NetworkNamespace.Exists(options.PublicNamespace);
        using var ns = NetworkNamespace.Ensure(options.PublicNamespace);
        if (created)
        {
            // Closed before the public addresses exist: the network manager's next firewall step replaces this ruleset
            // with the one carrying the WireGuard ports and the farm's echo choice (NetworkFirewalls.ApplyPublicAsync).
            await new NftApplier().ApplyAsync(options.PublicNamespace,
                ZosRulesets.PublicNamespace(new PublicFirewallOptions { AllowIcmpEcho = options.AllowIcmpEcho }), ct).ConfigureAwait(false);
        }
        using (var host = OpenHost())
        using (var nl = RouteNetlink.Open(ns))
        {
            nl.SetUp("lo");
            if (nl.FindLink(InterfaceNames.Public) is null)
                host.CreateMacvlan(InterfaceNames.Public, InterfaceNames.PublicBridge, MacvlanMode.Bridge, new LinkCreateOptions { Namespace = ns, Mac = _mac });
            else if (nl.GetLink(InterfaceNames.Public).Mac != _mac)
                nl.SetMac(InterfaceNames.Public, _mac);
        }
        NamespaceSysctl.Write(ns, $"net/ipv6/conf/{InterfaceNames.Public}/accept_ra", "0");
        using var inside = RouteNetlink.Open(ns);
        var want = setup.Addresses.ToHashSet();
        foreach (var have in inside.GetAddresses(InterfaceNames.Public))
        {
            var a = new InterfaceAddress(have.Address, have.PrefixLength);
            if (!want.Contains(a) && !a.Address.IsIPv6LinkLocal)
                inside.EnsureAddressDeleted(InterfaceNames.Public, a.Address, a.PrefixLength);
        }
        foreach (var a in setup.Addresses)
            inside.EnsureAddress(InterfaceNames.Public, a.Address, a.PrefixLength, a.Family == AddressFamily.InterNetworkV6 ? AddressFlags.NoDad : AddressFlags.None);
        inside.SetUp(InterfaceNames.Public);
        // Replace, not add: the original kept a stale default route after a gateway change (reference §3.4, §8.10).
        foreach (var (destination, gateway) in setup.DefaultRoutes)
            inside.ReplaceRoute(new RouteSpec(destination) { Gateway = gateway, Device = InterfaceNames.Public });
        if (setup.Gateway6 is null)
            inside.EnsureRouteDeleted(new RouteSpec(IPNetwork.Parse("::/0")));
        // The gateway learned the address with the test interface's MAC: talking to it from the real link corrects
        // its neighbour entry now (an ARP/ND request from an address updates the entry, RFC 826 / RFC 4861 §7.2.3).
        foreach (var gateway in new[] { setup.Gateway4, setup.Gateway6 }.OfType<IPAddress>())
            await PingAsync(options.PublicNamespace, gateway, ct).ConfigureAwait(false);
    }

    private static async Task<bool> PingAsync(string ns, IPAddress target, CancellationToken ct) =>
        (await ProcessRunner.RunAsync(new HelperLaunch("ping", ["-c", "1", "-W", "1", target.ToString()], ns), timeout: TimeSpan.FromSeconds(5), cancellationToken: ct).ConfigureAwait(false)).ExitCode == 0;

    /// <summary>Pings each gateway from a throw-away namespace holding a macvlan on br-pub with the config's address (up to 3 tries).</summary>
    private async Task CheckGatewaysAsync(PublicSetup setup, CancellationToken ct)
    {
        var probe = "zpchk" + Convert.ToHexStringLower(BitConverter.GetBytes(Environment.TickCount64))[..8];
        using var ns = NetworkNamespace.Ensure(probe);
        try
        {
            using (var host = OpenHost())
                host.CreateMacvlan("pchk", InterfaceNames.PublicBridge, MacvlanMode.Bridge, new LinkCreateOptions { Namespace = ns, Up = true, Mac = _probeMac });
            using (var nl = RouteNetlink.Open(ns))
            {
                foreach (var a in setup.Addresses)
                    nl.EnsureAddress("pchk", a.Address, a.PrefixLength, a.Family == AddressFamily.InterNetworkV6 ? AddressFlags.NoDad : AddressFlags.None);
            }
            foreach (var gateway in new[] { setup.Gateway4, setup.Gateway6 }.OfType<IPAddress>())
            {
                var answered = false;
                for (var attempt = 0; attempt < 3 && !answered; attempt++)
                {
                    answered = await PingAsync(probe, gateway, ct).ConfigureAwait(false);
                }
                // Named by the field, as the registry's rules name theirs (PublicConfigRules).
                var field = gateway.AddressFamily == AddressFamily.InterNetwork ? "publicConfig.gw4" : "publicConfig.gw6";
                if (!answered)
                    throw new InvalidOperationException($"public config refused: {field}: gateway {gateway} does not answer on {InterfaceNames.PublicBridge} (tried from a test interface with {string.Join(", ", setup.Addresses)})");
            }
        }
        finally
        {
            NetworkNamespace.EnsureDeleted(probe);
        }
    }
}
