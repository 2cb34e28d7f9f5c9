using System.Diagnostics;
using System.Net.Sockets;
using Zos.Core.Bringup;
using Zos.Linux.Namespaces;
using Zos.Linux.Netlink;
using Zos.Linux.Sysctl;
using Zos.Node.Bringup;

namespace Zos.Node.Linux;

/// <summary>
/// Probes a NIC in a throw-away namespace named after it (zos-networking.md §1.4, without its flaws): the NIC
/// moves in, IPv6 is tuned for speed (accept_ra=2, no DAD, no RS delay: linux-on-this-machine.md §4), it comes up,
/// carrier is awaited for a bounded time (an unplugged NIC costs only that), then the DHCP probe and the RA/SLAAC
/// watch run together. The NIC always moves back by its own name before the namespace is deleted (the original
/// moved a deleted VLAN link back and relied on namespace teardown, §8.4).
/// </summary>
public sealed class NamespaceNicProber(IDhcpProbe dhcp) : INicProber
{
    /// <summary>IPv6 tuned for a fast answer: on, RAs accepted even with forwarding, no DAD, no RS delay (linux-on-this-machine.md §4).</summary>
    private static readonly (string Key, string Value)[] s_probeIpv6 =
        [("disable_ipv6", "0"), ("accept_ra", "2"), ("accept_dad", "0"), ("router_solicitation_delay", "0"), ("autoconf", "1")];

    public async Task<NicProbeResult> ProbeAsync(HostLink nic, NicProbeSettings settings, NicProbeProgress progress, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        TimeSpan? carrierTook = null, dhcpTook = null, ipv6Extra = null;
        var setupTook = TimeSpan.Zero;
        NicProbeResult result;
        using var host = RouteNetlink.Open();
        using var home = NetworkNamespace.OpenCurrent();
        // A namespace left by a killed daemon holds nothing we need; start clean.
        NetworkNamespace.EnsureDeleted(nic.Name);
        using var ns = NetworkNamespace.Create(nic.Name);
        RouteNetlink? inside = null;
        try
        {
            host.MoveToNamespace(nic.Name, ns);
            inside = RouteNetlink.Open(ns);
            NamespaceSysctl.WriteAll(ns, [.. s_probeIpv6.Select(kv => ($"net/ipv6/conf/{nic.Name}/{kv.Key}", kv.Value))]);
            inside.SetUp(nic.Name);
            inside.SetUp("lo");
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
                var lease = ProbeDhcpAsync(nic.Name, settings.DhcpTries, progress, ct);
                var ipv6 = WatchIpv6Async(inside, nic.Name, settings.Ipv6Wait, lease, ct);
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
                    v6 = ReadIpv6(inside, nic.Name);
                    cutShort = true;
                }
                ipv6Extra = clock.Elapsed - dhcpStart - dhcpTook;
                result = new NicProbeResult(nic.Name, nic.Mac, true, outcome.Lease, v6, CutShort: cutShort);
            }
        }
        finally
        {
            progress.SetupFinished();
            MoveBack(inside, nic.Name, home);
            inside?.Dispose();
            NetworkNamespace.EnsureDeleted(nic.Name);
        }
        return result with { Timeline = new NicProbeTimeline(setupTook, carrierTook, dhcpTook, ipv6Extra, clock.Elapsed) };
    }

    private async Task<DhcpProbeOutcome> ProbeDhcpAsync(string nic, int tries, NicProbeProgress progress, CancellationToken ct)
    {
        var outcome = await dhcp.ProbeAsync(nic, nic, tries, ct);
        if (outcome.Lease is { } lease)
            progress.LeaseReceived(lease);
        return outcome;
    }

    private static void MoveBack(RouteNetlink? inside, string nic, NetworkNamespace home)
    {
        if (inside is null)
            return;
        try
        {
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
    private static async Task<Ipv6Observation> WatchIpv6Async(RouteNetlink inside, string nic, TimeSpan wait, Task<DhcpProbeOutcome> lease, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var last = ReadIpv6(inside, nic);
            var leaseSettled = lease.IsCompleted && (!lease.IsCompletedSuccessfully || lease.Result.Lease is { HasRouter: true });
            if (last.IsUsable || leaseSettled || clock.Elapsed >= wait)
                return last;
            await Task.WhenAny(lease, Task.Delay(25, ct));
            ct.ThrowIfCancellationRequested();
        }
    }

    private static Ipv6Observation ReadIpv6(RouteNetlink inside, string nic)
    {
        var index = inside.GetLink(nic).Index;
        var addresses = inside.GetAddresses(nic, AddressFamily.InterNetworkV6)
            .Where(a => (a.Flags & AddressFlags.Tentative) == 0 && PrivateAddresses.IsGlobalIpv6(a.Address))
            .Select(a => a.Address).ToList();
        var router = inside.GetRoutes(AddressFamily.InterNetworkV6, 254).FirstOrDefault(r => r.IsDefault && r.OutputLinkIndex == index)?.Gateway;
        return new Ipv6Observation(addresses, router);
    }
}
