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
    /// <summary>After a lease arrives, IPv6 is watched this much longer (it only matters when no NIC has IPv4).</summary>
    private static readonly TimeSpan s_ipv6GraceAfterLease = TimeSpan.FromMilliseconds(300);

    public async Task<NicProbeResult> ProbeAsync(HostLink nic, NicProbeSettings settings, CancellationToken ct)
    {
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
            foreach (var (key, value) in new[] { ("disable_ipv6", "0"), ("accept_ra", "2"), ("accept_dad", "0"), ("router_solicitation_delay", "0"), ("autoconf", "1") })
                NamespaceSysctl.Write(ns, $"net/ipv6/conf/{nic.Name}/{key}", value);
            inside.SetUp(nic.Name);
            inside.SetUp("lo");
            if (!await WaitForCarrierAsync(inside, nic.Name, settings.CarrierWait, ct))
                return NicProbeResult.Unplugged(nic.Name, nic.Mac);

            var lease = dhcp.ProbeAsync(nic.Name, nic.Name, settings.DhcpTries, ct);
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
            return new NicProbeResult(nic.Name, nic.Mac, true, outcome.Lease, v6, CutShort: cutShort);
        }
        finally
        {
            MoveBack(inside, nic.Name, home);
            inside?.Dispose();
            NetworkNamespace.EnsureDeleted(nic.Name);
        }
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

    private static async Task<Ipv6Observation> WatchIpv6Async(RouteNetlink inside, string nic, TimeSpan wait, Task<DhcpProbeOutcome> lease, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        TimeSpan? leaseAt = null;
        var last = Ipv6Observation.None;
        while (true)
        {
            last = ReadIpv6(inside, nic);
            if (last.IsUsable)
                return last;
            if (leaseAt is null && lease.IsCompleted)
                leaseAt = lease.Result.Lease is null ? TimeSpan.MaxValue : clock.Elapsed;
            if (clock.Elapsed >= wait || (leaseAt is { } at && at != TimeSpan.MaxValue && clock.Elapsed - at >= s_ipv6GraceAfterLease))
                return last;
            await Task.Delay(25, ct);
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
