using System.Diagnostics;
using System.Globalization;
using System.Net;
using Zos.Linux.Namespaces;
using Zos.Linux.Netlink;

namespace Zos.Benchmarks.Netlink;

/// <summary>
/// Whole-system benchmark: creates and configures N bridges (each up, in link group 7, with an IPv4 address and a
/// route via a neighbour on it) inside a scratch namespace through our rtnetlink code, through one <c>ip</c> process
/// per operation and through one <c>ip -batch</c>, then reports deletion apart (per link vs one group request).
/// Run as root: <c>dotnet run -c Release --project bench/Zos.Benchmarks -- netlink 200</c>.
/// </summary>
public static class NetlinkWholeSystemBenchmark
{
    private const uint Group = 7;
    private const int Runs = 3;

    public static int Run(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200;
        if (count is < 1 or > 250)
        {
            Console.Error.WriteLine($"link count {count} is outside 1..250 (one /24 per link under 10.100.0.0/16)");
            return 2;
        }
        RuntimeThreadWarmup.EnsureStarted();
        Console.WriteLine($"netlink whole-system benchmark: {count} bridges, each up + 1 address + 1 route ({3 * count} operations)");

        // Warm-up (JIT, first namespace): not measured.
        InScratch(ns => { CreateWithNetlink(ns, 10); return 0; });

        // Interleaved runs so both fast methods see the same machine load (the build hosts are shared); the minimum
        // is the least disturbed run, the median the typical one.
        var netlinkRuns = new List<TimeSpan>();
        var batchRuns = new List<TimeSpan>();
        for (var run = 0; run < Runs; run++)
        {
            netlinkRuns.Add(InScratch(ns => Time(() => CreateWithNetlink(ns, count), () => Verify(ns, count))));
            batchRuns.Add(InScratch(ns => Time(() => CreateWithIpBatch(ns, count), () => Verify(ns, count))));
        }
        var netlink = Median(netlinkRuns);
        var batch = Median(batchRuns);
        var perOp = InScratch(ns => Time(() => CreateWithIpPerOperation(ns, count), () => Verify(ns, count)));

        var deletePerLink = InScratch(ns =>
        {
            CreateWithNetlink(ns, count);
            using var nl = RouteNetlink.Open(ns);
            return Time(() =>
            {
                for (var i = 0; i < count; i++)
                    nl.DeleteLink(Name(i));
            }, () => VerifyGone(ns));
        });
        var deleteGroup = InScratch(ns =>
        {
            CreateWithNetlink(ns, count);
            using var nl = RouteNetlink.Open(ns);
            return Time(() => nl.DeleteLinkGroup(Group), () => VerifyGone(ns));
        });

        Console.WriteLine();
        Console.WriteLine("| method (create + configure) | time | per link | ratio |");
        Console.WriteLine("|---|---|---|---|");
        Console.WriteLine($"| Zos netlink (one socket, ack per request), median of {Runs} | {Ms(netlink)} | {Ms(netlink / count)} | 1.00 |");
        Console.WriteLine($"| `ip -batch` (one process), median of {Runs} | {Ms(batch)} | {Ms(batch / count)} | netlink/batch = {Ratio(netlink, batch)} |");
        Console.WriteLine($"| Zos netlink, best of {Runs} | {Ms(netlinkRuns.Min())} | {Ms(netlinkRuns.Min() / count)} | |");
        Console.WriteLine($"| `ip -batch`, best of {Runs} | {Ms(batchRuns.Min())} | {Ms(batchRuns.Min() / count)} | netlink/batch = {Ratio(netlinkRuns.Min(), batchRuns.Min())} |");
        Console.WriteLine($"| one `ip` process per operation | {Ms(perOp)} | {Ms(perOp / count)} | per-op/netlink = {Ratio(perOp, netlink)} |");
        Console.WriteLine();
        Console.WriteLine("| deletion of the same links (netlink) | time | per link |");
        Console.WriteLine("|---|---|---|");
        Console.WriteLine($"| one RTM_DELLINK per link | {Ms(deletePerLink)} | {Ms(deletePerLink / count)} |");
        Console.WriteLine($"| one RTM_DELLINK for link group {Group} | {Ms(deleteGroup)} | {Ms(deleteGroup / count)} |");
        Console.WriteLine();
        Console.WriteLine($"goal >= 10x faster than ip per operation: {(perOp / netlink >= 10 ? "met" : "NOT met")} ({Ratio(perOp, netlink)}x)");
        Console.WriteLine($"goal within 1.5x of ip -batch: {(netlink / batch <= 1.5 ? "met" : "NOT met")} ({Ratio(netlink, batch)}x)");
        return 0;
    }

    private static string Name(int i) => $"b{i}";

    private static void CreateWithNetlink(NetworkNamespace ns, int count)
    {
        using var nl = RouteNetlink.Open(ns);
        for (var i = 0; i < count; i++)
        {
            // The echoed link gives the index, so the address needs no name lookup (ip resolves names with an ioctl).
            var link = nl.CreateBridge(Name(i), options: new LinkCreateOptions { Up = true, Group = Group })!;
            nl.AddAddress(link.Index, IPAddress.Parse($"10.100.{i}.1"), 24);
            nl.AddRoute(new RouteSpec(IPNetwork.Parse($"172.16.{i}.0/24")) { Gateway = IPAddress.Parse($"10.100.{i}.2") });
        }
    }

    private static IEnumerable<string> IpCommands(int count)
    {
        for (var i = 0; i < count; i++)
        {
            yield return $"link add name {Name(i)} group {Group} up type bridge";
            yield return $"address add 10.100.{i}.1/24 dev {Name(i)}";
            yield return $"route add 172.16.{i}.0/24 via 10.100.{i}.2";
        }
    }

    private static void CreateWithIpPerOperation(NetworkNamespace ns, int count)
    {
        foreach (var command in IpCommands(count))
            Ip($"-n {ns.Name} {command}");
    }

    private static void CreateWithIpBatch(NetworkNamespace ns, int count)
    {
        var file = Path.Combine(Path.GetTempPath(), $"zos-bench-{Environment.ProcessId}.ip");
        try
        {
            File.WriteAllLines(file, IpCommands(count));
            Ip($"-n {ns.Name} -batch {file}");
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static void Ip(string arguments)
    {
        using var p = Process.Start(new ProcessStartInfo("ip", arguments) { UseShellExecute = false })
            ?? throw new InvalidOperationException($"cannot start ip {arguments}");
        p.WaitForExit();
        if (p.ExitCode != 0)
            throw new InvalidOperationException($"ip {arguments} exited with {p.ExitCode}");
    }

    private static void Verify(NetworkNamespace ns, int count)
    {
        using var nl = RouteNetlink.Open(ns);
        var bridges = nl.GetLinks().Count(l => l.Kind == "bridge" && l.IsUp && l.Group == Group);
        var addresses = nl.GetAddresses(family: System.Net.Sockets.AddressFamily.InterNetwork).Count(a => a.Address.ToString().StartsWith("10.100.", StringComparison.Ordinal));
        var routes = nl.GetRoutes(System.Net.Sockets.AddressFamily.InterNetwork, 254).Count(r => r.Gateway is not null);
        if (bridges != count || addresses != count || routes != count)
            throw new InvalidOperationException($"expected {count} bridges/addresses/routes, found {bridges}/{addresses}/{routes}");
    }

    private static void VerifyGone(NetworkNamespace ns)
    {
        using var nl = RouteNetlink.Open(ns);
        var left = nl.GetLinks().Count(l => l.Kind == "bridge");
        if (left != 0)
            throw new InvalidOperationException($"{left} bridges left after deletion");
    }

    private static TimeSpan InScratch(Func<NetworkNamespace, TimeSpan> body) => InScratchCore(body);

    private static void InScratch(Func<NetworkNamespace, int> body) => InScratchCore(body);

    private static T InScratchCore<T>(Func<NetworkNamespace, T> body)
    {
        var name = $"zb{Environment.ProcessId}{Random.Shared.Next(1000, 9999)}";
        var ns = NetworkNamespace.Create(name);
        try
        {
            return body(ns);
        }
        finally
        {
            // Delete the links before the namespace: the kernel tears a namespace down asynchronously, and 200
            // bridges being unregistered in the background hold the RTNL lock and slow down the next measured run.
            try
            {
                using var nl = RouteNetlink.Open(ns);
                if (nl.GetLinks().Any(l => l.Group == Group))
                    nl.DeleteLinkGroup(Group);
            }
            finally
            {
                ns.Dispose();
                NetworkNamespace.EnsureDeleted(name);
            }
        }
    }

    private static TimeSpan Time(Action action, Action verify)
    {
        var sw = Stopwatch.StartNew();
        action();
        var elapsed = sw.Elapsed;
        verify();
        return elapsed;
    }

    private static TimeSpan Median(List<TimeSpan> runs) => runs.Order().ElementAt(runs.Count / 2);

    private static string Ms(TimeSpan t) => $"{t.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture)} ms";

    private static string Ratio(TimeSpan a, TimeSpan b) => (a / b).ToString("0.00", CultureInfo.InvariantCulture);
}
