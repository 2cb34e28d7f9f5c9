using System.Diagnostics;
using System.Globalization;
using Zos.Core.Contracts;
using Zos.Core.Naming;
using Zos.Linux.Namespaces;
using Zos.Linux.Netlink;
using Zos.Linux.WireGuard;
using Zos.Node.Network;

// Reconcile benchmark (run as root): dotnet run -c Release --project bench/reconcile -- [COUNT ...]
// For each count: a cold pass building COUNT network resources, then no-op passes, then the kernel-bound baseline
// measured alone in the same run (namespace, bridge, two macvlans; and the same plus the wireguard-go device).
// Everything lives in namespaces named zrb<run>... and is removed at the end. The first no-op pass after the cold one
// re-reads every namespace (the cold pass's own changes left notifications); later ones read only what changed.
// ZOS_BENCH_BREAKDOWN=1 also prints, on stderr, three no-op passes split into observation, WireGuard reads and handshakes.
var counts = args.Length > 0 ? args.Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray() : [1, 10, 100];
RuntimeThreadWarmup.EnsureStarted();
var run = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())[..6];
var dir = Directory.CreateTempSubdirectory("zos-reconcile-bench-").FullName;
var created = new List<string>();
Console.WriteLine($"reconcile benchmark, run {run}, {Environment.ProcessorCount} CPUs, load {File.ReadAllText("/proc/loadavg").Trim()}");
Console.WriteLine("| networks | cold pass | first no-op pass | no-op pass (median of 5) | baseline links | baseline links + wireguard-go | cold / baseline (links + wg) | cold / baseline (links) |");
Console.WriteLine("|---|---|---|---|---|---|---|---|");
try
{
    foreach (var count in counts)
    {
        var host = $"zrb{run}h{count}";
        NetworkNamespace.Create(host).Dispose();
        created.Add(host);
        using (var nl = RouteNetlink.Open(host))
            nl.SetUp("lo");
        var options = new NetworkKernelOptions
        {
            HostNamespace = host,
            NdmzNamespace = $"zrb{run}d{count}",
            PublicNamespace = $"zrb{run}p{count}",
            WireGuardRuntimeDirectory = Path.Combine(dir, $"wg{count}"),
        };
        created.Add(options.NdmzNamespace);
        var state = Path.Combine(dir, $"state{count}.json");
        var parts = Enumerable.Range(0, count)
            .Select(i => new NetworkPart(NetId.Derive($"zrb{run}", $"n{count}x{i}").Value, $"n{i}", "10.20.0.0/16", "10.20.3.0/24", 0, []))
            .ToList();
        created.AddRange(parts.Select(p => "n-" + p.NetId));
        double cold, noop, firstNoop;
        await using (var kernel = new NetworkKernel(options))
        {
            var pass = new ReconcilePass(new NodeStateStore(state), kernel, []);
            var sw = Stopwatch.StartNew();
            var first = await pass.ReconcileAsync(new DesiredState("bench", 1, null, null, parts), CancellationToken.None);
            cold = sw.Elapsed.TotalMilliseconds;
            var errors = (first.Report.Errors ?? []).Concat(first.Report.Networks.SelectMany(n => n.Errors)).ToList();
            if (errors.Count > 0)
                throw new InvalidOperationException($"cold pass of {count} failed: {string.Join("; ", errors.Take(3))}");
            var noops = new List<double>();
            for (var i = 0; i < 5; i++)
            {
                sw.Restart();
                var again = await pass.ReconcileAsync(new DesiredState("bench", 2 + i, null, null, parts), CancellationToken.None);
                noops.Add(sw.Elapsed.TotalMilliseconds);
                if (again.Operations.Count > 0)
                    throw new InvalidOperationException($"no-op pass of {count} did {again.Operations.Count} operations: {again.Operations[0]}");
            }
            firstNoop = noops[0];
            noop = noops.Order().ElementAt(2);
            if (Environment.GetEnvironmentVariable("ZOS_BENCH_BREAKDOWN") == "1")
            {
                var known = parts.Select(p => p.NetId).ToHashSet(StringComparer.Ordinal);
                for (var i = 0; i < 3; i++)
                {
                    sw.Restart();
                    var observed = kernel.Observe(known);
                    var tObserve = sw.Elapsed.TotalMilliseconds;
                    sw.Restart();
                    await kernel.WithWireGuardAsync(observed, CancellationToken.None);
                    var tWg = sw.Elapsed.TotalMilliseconds;
                    sw.Restart();
                    await Task.WhenAll(parts.Select(p => kernel.HandshakesAsync(p.NetId, CancellationToken.None)));
                    var tHs = sw.Elapsed.TotalMilliseconds;
                    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"breakdown {count}: observe {tObserve:0.0} ms, wireguard {tWg:0.0} ms, handshakes {tHs:0.0} ms"));
                }
            }
            await pass.ReconcileAsync(new DesiredState("bench", 100, null, null, []), CancellationToken.None);
        }

        var (links, withWg) = await BaselineAsync(host, count, run, dir, created);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {count} | {cold:0} ms | {firstNoop:0.0} ms | {noop:0.0} ms | {links:0} ms | {withWg:0} ms | {cold / withWg:0.00}x | {cold / links:0.00}x |"));
    }
}
finally
{
    foreach (var ns in created)
        NetworkNamespace.EnsureDeleted(ns);
    Directory.Delete(dir, recursive: true);
}
return 0;

// The kernel-bound part alone: per network a namespace, a bridge in the host, the gateway macvlan and the public
// macvlan moved in (links only); then again with the wireguard-go device created in the host and moved in.
static async Task<(double Links, double WithWireGuard)> BaselineAsync(string host, int count, string run, string dir, List<string> created)
{
    var results = new double[2];
    for (var pass = 0; pass < 2; pass++)
    {
        var withWg = pass == 1;
        var names = Enumerable.Range(0, count).Select(i => $"zrb{run}{(withWg ? 'w' : 'l')}{i}").ToList();
        created.AddRange(names);
        using var h = RouteNetlink.Open(host);
        var ndmz = $"bnd{(withWg ? 'w' : 'l')}";
        h.EnsureBridge(ndmz);
        h.SetUp(ndmz);
        var devices = new List<WireGuardDevice>();
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            using var ns = NetworkNamespace.Create(names[i]);
            var bridge = $"bb{(withWg ? 'w' : 'l')}{i}";
            h.EnsureBridge(bridge);
            h.SetUp(bridge);
            h.CreateMacvlan("gw", bridge, MacvlanMode.Bridge, new LinkCreateOptions { Namespace = ns, Up = true });
            h.CreateMacvlan("public", ndmz, MacvlanMode.Bridge, new LinkCreateOptions { Namespace = ns, Up = true });
            if (withWg)
            {
                var wg = $"bw{i}";
                var device = await WireGuardDevice.CreateAsync(new WireGuardDeviceOptions(wg) { NetworkNamespace = host, RuntimeDirectory = Path.Combine(dir, "bwg") });
                devices.Add(device);
                h.MoveToNamespace(wg, ns);
                using var inside = RouteNetlink.Open(ns);
                inside.SetUp(wg);
            }
        }
        results[pass] = sw.Elapsed.TotalMilliseconds;
        // Deleting a namespace destroys the TUN and wireguard-go exits by itself (faster than killing it first).
        foreach (var n in names)
            NetworkNamespace.EnsureDeleted(n);
        foreach (var d in devices)
            await d.DisposeAsync();
        for (var i = 0; i < count; i++)
            h.EnsureLinkDeleted($"bb{(withWg ? 'w' : 'l')}{i}");
        h.EnsureLinkDeleted(ndmz);
    }
    return (results[0], results[1]);
}
