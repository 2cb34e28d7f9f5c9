using System.Diagnostics;
using System.Net.Sockets;
using Zos.Core.Bringup;
using Zos.Linux.Namespaces;
using Zos.Linux.Netlink;
using Zos.Linux.Sysctl;
using Zos.Node.Bringup;

namespace Zos.Node.Linux;

/// <summary>
/// Probes a NIC in a throw-away namespace "zp-&lt;nic&gt;" (zos-networking.md §1.4, without its flaws): the NIC moves in,
/// IPv6 is tuned for speed (accept_ra=2, no DAD, no RS delay: linux-on-this-machine.md §4), it comes up, carrier is
/// awaited for a bounded time, then the DHCP probe and the RA/SLAAC watch run together, on the NIC or, with vlan:priv,
/// on its 802.1Q link &lt;nic&gt;.&lt;vid&gt; (on a trunk only the tagged DISCOVER reaches the farm's DHCP server).
/// A NIC that found nothing usable stays up in its namespace until the next round when the settings ask for it
/// (<see cref="NicProbeSettings.KeepUpBetweenRounds"/>): moving a NIC between namespaces closes it (dev_close in
/// dev_change_net_namespace, net/core/dev.c), which drops the link, restarts PHY training and spanning tree on the
/// switch port. Otherwise the NIC moves back by its own name before the namespace is deleted (the original moved a
/// deleted VLAN link back and relied on namespace teardown, §8.4).
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

    /// <summary>A NIC kept up in its probe namespace between rounds, with the handles to carry on where it stopped.</summary>
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
                    host.MoveToNamespace(nic.Name, ns);
                inside = RouteNetlink.Open(ns);
                NamespaceSysctl.WriteAll(ns, [.. s_probeIpv6.Select(kv => ($"net/ipv6/conf/{nic.Name}/{kv.Key}", kv.Value))]);
                inside.SetUp(nic.Name);
                inside.SetUp("lo");
            }
            else if (inside!.FindLink(nic.Name) is null)
            {
                throw new InvalidOperationException($"{nic.Name} is gone from its probe namespace {nsName}");
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
                MoveBack(inside, nic.Name, vlanLink, home);
                inside?.Dispose();
                ns.Dispose();
                NetworkNamespace.EnsureDeleted(nsName);
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
        using var home = NetworkNamespace.OpenCurrent();
        foreach (var p in parked)
        {
            MoveBack(p.Inside, p.Link.Name, p.VlanLink, home);
            p.Inside.Dispose();
            p.Namespace.Dispose();
            NetworkNamespace.EnsureDeleted(p.NamespaceName);
        }
        if (reclaim)
            ReclaimLeftovers(home);
    }

    /// <summary>
    /// Empties probe namespaces a killed daemon left (their NICs would be invisible to the host otherwise): VLAN links
    /// are deleted, every other link but lo moves back, the namespace is deleted.
    /// </summary>
    private static void ReclaimLeftovers(NetworkNamespace home)
    {
        foreach (var name in NetworkNamespace.List().Where(n => n.StartsWith(NamespacePrefix, StringComparison.Ordinal)))
        {
            try
            {
                using var ns = NetworkNamespace.Open(name);
                using var inside = RouteNetlink.Open(ns);
                var links = inside.GetLinks();
                foreach (var vlan in links.Where(l => l.Kind == "vlan"))
                    inside.EnsureLinkDeleted(vlan.Name);
                foreach (var link in links.Where(l => l.Name != "lo" && l.Kind != "vlan"))
                    MoveBack(inside, link.Name, null, home);
            }
            catch (Exception e) when (e is NetlinkException or Zos.Linux.Interop.SystemCallException)
            {
                // Deleting the namespace below still returns a physical NIC to the initial namespace.
            }
            NetworkNamespace.EnsureDeleted(name);
        }
    }

    private async Task<DhcpProbeOutcome> ProbeDhcpAsync(string nsName, string link, NicProbeSettings settings, NicProbeProgress progress, CancellationToken ct)
    {
        var outcome = await dhcp.ProbeAsync(nsName, link, settings.DhcpTries, settings.DhcpTryTimeout, ct);
        if (outcome.Lease is { } lease)
            progress.LeaseReceived(lease);
        return outcome;
    }

    private static void MoveBack(RouteNetlink? inside, string nic, string? vlanLink, NetworkNamespace home)
    {
        if (inside is null)
            return;
        try
        {
            // The VLAN link is ours and would not follow its parent; delete it rather than leave it to namespace teardown.
            if (vlanLink is not null)
                inside.EnsureLinkDeleted(vlanLink);
            if (inside.FindLink(nic) is null)
                return;
            inside.SetDown(nic);
            inside.MoveToNamespace(nic, home);
        }
        catch (NetlinkException)
        {
            // Deleting the namespace below still returns a physical NIC to the initial namespace (the kernel's
            // default_device_exit); nothing better can be done here, and the next attempt lists links afresh.
        }
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
}
