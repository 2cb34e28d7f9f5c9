using System.Diagnostics;
using System.Net.Sockets;
using Zos.Core.Bringup;
using Zos.Linux.Namespaces;
using Zos.Linux.Netlink;
using Zos.Linux.Sysctl;
using Zos.Node.Bringup;

namespace Zos.Node.Linux;

/// <summary>
/// Probes a NIC from a throw-away namespace "zp-&lt;nic&gt;" (zos-networking.md §1.4, without its flaws): the NIC stays in
/// the host, up, with IPv6 off there, and a passthru macvlan on it (same MAC, so the lease is the NIC's; carrier follows
/// the NIC) is created inside the namespace, where IPv6 is tuned for speed (accept_ra=2, no DAD, no RS delay:
/// linux-on-this-machine.md §4). Carrier is awaited for a bounded time, then the DHCP probe and the RA/SLAAC watch run
/// together, on the macvlan or, with vlan:priv, on its 802.1Q link &lt;nic&gt;.&lt;vid&gt; (on a trunk only the tagged
/// DISCOVER reaches the farm's DHCP server). The NIC itself never moves: moving a NIC between namespaces closes it
/// (dev_close in dev_change_net_namespace, net/core/dev.c), which drops the link, restarts PHY training and makes a
/// switch port running spanning tree block again for 2 × forward delay (30 s by default), also when the chosen NIC
/// joins zos. Deleting the namespace deletes the macvlan and leaves the NIC as it was, also after a kill. A NIC that
/// found nothing usable keeps its namespace until the next round when the settings ask for it
/// (<see cref="NicProbeSettings.KeepUpBetweenRounds"/>), so the next round carries on where it stopped.
/// </summary>
public sealed class NamespaceNicProber(IDhcpProbe dhcp) : INicProber
{
    /// <summary>Probe namespaces are "zp-&lt;nic&gt;", so ones a killed daemon left can be found and emptied.</summary>
    public const string NamespacePrefix = "zp-";

    /// <summary>IPv6 tuned for a fast answer: on, RAs accepted even with forwarding, no DAD, no RS delay (linux-on-this-machine.md §4).</summary>
    private static readonly (string Key, string Value)[] s_probeIpv6 =
        [("disable_ipv6", "0"), ("accept_ra", "2"), ("accept_dad", "0"), ("router_solicitation_delay", "0"), ("autoconf", "1")];

    private readonly Lock _lock = new();
    private readonly Dictionary<string, ParkedNic> _parked = new(StringComparer.Ordinal);
    private bool _leftoversReclaimed;

    /// <summary>A NIC whose probe namespace is kept between rounds, with the handles to carry on where it stopped.</summary>
    private sealed record ParkedNic(HostLink Link, string NamespaceName, NetworkNamespace Namespace, RouteNetlink Inside, string? VlanLink);

    public IReadOnlyList<HostLink> Parked
    {
        get
        {
            lock (_lock)
                return [.. _parked.Values.Select(p => p.Link).OrderBy(l => l.Name, StringComparer.Ordinal)];
        }
    }

    public async Task<NicProbeResult> ProbeAsync(HostLink nic, NicProbeSettings settings, NicProbeProgress progress, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        TimeSpan? carrierTook = null, dhcpTook = null, ipv6Extra = null;
        var setupTook = TimeSpan.Zero;
        var nsName = NamespacePrefix + nic.Name;
        var probeLink = settings.ProbeLink(nic.Name);
        NicProbeResult result;
        using var home = NetworkNamespace.OpenCurrent();
        ParkedNic? resumed;
        lock (_lock)
            _parked.Remove(nic.Name, out resumed);
        NetworkNamespace ns;
        RouteNetlink? inside = resumed?.Inside;
        string? vlanLink = resumed?.VlanLink;
        if (resumed is not null)
        {
            ns = resumed.Namespace;
        }
        else
        {
            // A namespace left by a killed daemon holds nothing we need; start clean.
            NetworkNamespace.EnsureDeleted(nsName);
            ns = NetworkNamespace.Create(nsName);
        }
        var park = false;
        try
        {
            if (resumed is null)
            {
                using (var host = RouteNetlink.Open())
                {
                    // Up in the host for good, but without IPv6 there: the host must not autoconfigure on a NIC it does not use.
                    NamespaceSysctl.WriteAll(home, [($"net/ipv6/conf/{nic.Name}/disable_ipv6", "1")]);
                    host.SetUp(nic.Name);
                    // Created under a name free in the host, then renamed inside: up to Linux 6.x (Debian 12's 6.1) the
                    // kernel looks a new link's name up in the caller's namespace before the target's (__rtnl_newlink,
                    // net/core/rtnetlink.c), so "eth0" next to the host's eth0 is EEXIST even with IFLA_NET_NS_FD.
                    var temporary = ProbeLinkName(host.GetLink(nic.Name).Index);
                    host.CreateMacvlan(temporary, nic.Name, MacvlanMode.Passthru, new LinkCreateOptions { Namespace = ns });
                    using var renamer = RouteNetlink.Open(ns);
                    renamer.Rename(temporary, nic.Name);
                }
                inside = RouteNetlink.Open(ns);
                NamespaceSysctl.WriteAll(ns, [.. s_probeIpv6.Select(kv => ($"net/ipv6/conf/{nic.Name}/{kv.Key}", kv.Value))]);
                inside.SetUp(nic.Name);
                inside.SetUp("lo");
            }
            else if (inside!.FindLink(nic.Name) is null)
            {
                throw new InvalidOperationException($"the probe link of {nic.Name} is gone from {nsName} (the NIC went away?)");
            }
            if (vlanLink != probeLink && vlanLink is not null)
            {
                inside.EnsureLinkDeleted(vlanLink);
                vlanLink = null;
            }
            if (settings.Vlan is { } vid && vlanLink is null)
            {
                inside.CreateVlan(probeLink, nic.Name, vid);
                vlanLink = probeLink;
                NamespaceSysctl.WriteAll(ns, [.. s_probeIpv6.Select(kv => ($"net/ipv6/conf/{probeLink}/{kv.Key}", kv.Value))]);
                inside.SetUp(probeLink);
            }
            setupTook = clock.Elapsed;
            progress.SetupFinished();
            var carrier = await WaitForCarrierAsync(inside, nic.Name, settings.CarrierWait, ct);
            carrierTook = clock.Elapsed - setupTook;
            if (!carrier)
            {
                result = NicProbeResult.Unplugged(nic.Name, nic.Mac);
            }
            else
            {
                progress.CarrierSeen();
                progress.DhcpStarted();
                var dhcpStart = clock.Elapsed;
                var lease = ProbeDhcpAsync(nsName, probeLink, settings, progress, ct);
                var ipv6 = WatchIpv6Async(inside, probeLink, settings.Ipv6Wait, lease, ct);
                // Cancelled because another NIC already works: report what is known (carrier, no offer yet).
                DhcpProbeOutcome outcome;
                var cutShort = false;
                try
                {
                    outcome = await lease;
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    outcome = new DhcpProbeOutcome(null, "cancelled");
                    cutShort = true;
                }
                dhcpTook = clock.Elapsed - dhcpStart;
                Ipv6Observation v6;
                try
                {
                    v6 = await ipv6;
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    v6 = ReadIpv6(inside, probeLink);
                    cutShort = true;
                }
                ipv6Extra = clock.Elapsed - dhcpStart - dhcpTook;
                result = new NicProbeResult(nic.Name, nic.Mac, true, outcome.Lease, v6, CutShort: cutShort);
            }
            park = settings.KeepUpBetweenRounds && !ct.IsCancellationRequested && !result.CutShort && !result.Works;
        }
        finally
        {
            progress.SetupFinished();
            if (park)
            {
                lock (_lock)
                    _parked[nic.Name] = new ParkedNic(nic, nsName, ns, inside!, vlanLink);
            }
            else
            {
                Discard(inside, ns, nsName, nic.Name);
            }
        }
        return result with { Timeline = new NicProbeTimeline(setupTook, carrierTook, dhcpTook, ipv6Extra, clock.Elapsed) };
    }

    public void ReleaseParked()
    {
        List<ParkedNic> parked;
        bool reclaim;
        lock (_lock)
        {
            parked = [.. _parked.Values];
            _parked.Clear();
            reclaim = !_leftoversReclaimed;
            _leftoversReclaimed = true;
        }
        foreach (var p in parked)
            Discard(p.Inside, p.Namespace, p.NamespaceName, p.Link.Name);
        // Probe namespaces a killed daemon left hold only macvlans on NICs that are still in the host.
        if (reclaim)
        {
            foreach (var name in NetworkNamespace.List().Where(n => n.StartsWith(NamespacePrefix, StringComparison.Ordinal)))
            {
                try
                {
                    var ns = NetworkNamespace.Open(name);
                    Discard(RouteNetlink.Open(ns), ns, name, name[NamespacePrefix.Length..]);
                }
                catch (Exception e) when (e is NetlinkException or Zos.Linux.Interop.SystemCallException)
                {
                    NetworkNamespace.EnsureDeleted(name);
                }
            }
        }
    }

    /// <summary>
    /// Deletes the probe's macvlan (and the VLAN link on it) now, then the namespace. The kernel tears a deleted
    /// namespace down later, in a work queue (cleanup_net, net/core/net_namespace.c): until then the macvlan would still
    /// hold the NIC, and making the NIC a port of zos would fail with EBUSY.
    /// </summary>
    private static void Discard(RouteNetlink? inside, NetworkNamespace ns, string nsName, string probeLink)
    {
        try
        {
            inside?.EnsureLinkDeleted(probeLink);
        }
        catch (NetlinkException)
        {
            // Gone with its NIC, or the namespace is half torn down: the namespace's deletion below finishes the job.
        }
        finally
        {
            inside?.Dispose();
            ns.Dispose();
            NetworkNamespace.EnsureDeleted(nsName);
        }
    }

    private async Task<DhcpProbeOutcome> ProbeDhcpAsync(string nsName, string link, NicProbeSettings settings, NicProbeProgress progress, CancellationToken ct)
    {
        var outcome = await dhcp.ProbeAsync(nsName, link, settings.DhcpTries, settings.DhcpTryTimeout, ct);
        if (outcome.Lease is { } lease)
            progress.LeaseReceived(lease);
        return outcome;
    }

    private static async Task<bool> WaitForCarrierAsync(RouteNetlink inside, string nic, TimeSpan wait, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var link = inside.GetLink(nic);
            if ((link.Flags & LinkFlags.LowerUp) != 0 || link.Carrier == true)
                return true;
            if (clock.Elapsed >= wait || ct.IsCancellationRequested)
                return false;
            await Task.Delay(20, CancellationToken.None);
        }
    }

    /// <summary>
    /// Watches for SLAAC and the RA default route until both are there, or until DHCP gave a lease with a router
    /// (then IPv6 only fills the status table: one read, no wait), or until <paramref name="wait"/> ends (a NIC
    /// without IPv4 may still be an IPv6-only LAN whose RA is on its way).
    /// </summary>
    private static async Task<Ipv6Observation> WatchIpv6Async(RouteNetlink inside, string link, TimeSpan wait, Task<DhcpProbeOutcome> lease, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var last = ReadIpv6(inside, link);
            var leaseSettled = lease.IsCompleted && (!lease.IsCompletedSuccessfully || lease.Result.Lease is { HasRouter: true });
            if (last.IsUsable || leaseSettled || clock.Elapsed >= wait)
                return last;
            await Task.WhenAny(lease, Task.Delay(25, ct));
            ct.ThrowIfCancellationRequested();
        }
    }

    private static Ipv6Observation ReadIpv6(RouteNetlink inside, string link)
    {
        var index = inside.GetLink(link).Index;
        var addresses = inside.GetAddresses(link, AddressFamily.InterNetworkV6)
            .Where(a => (a.Flags & AddressFlags.Tentative) == 0 && PrivateAddresses.IsGlobalIpv6(a.Address))
            .Select(a => a.Address).ToList();
        var router = inside.GetRoutes(AddressFamily.InterNetworkV6, 254).FirstOrDefault(r => r.IsDefault && r.OutputLinkIndex == index)?.Gateway;
        return new Ipv6Observation(addresses, router);
    }

    /// <summary>The macvlan's name while it is created (zpm + the NIC's ifindex: unique in the host, at most 15 bytes).</summary>
    private static string ProbeLinkName(int nicIndex) => "zpm" + nicIndex.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
