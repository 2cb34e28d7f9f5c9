using System.Net;
using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using Zos.Core.Mesh;
using Zos.Core.Networks;

namespace Zos.Benchmarks;

/// <summary>
/// Mesh computation for 10 to 5,000 members (goal: 1,000 members under 50 ms, so the registry recomputes a large
/// network on every change; allocations linear in the output). The mix is 40% dual-stack, 25% IPv4-only, 15% IPv6-only, 20% hidden, plus one user, so the output is
/// dominated by the O(n²) peer entries between public members. Beyond 254 members a Zero-OS /16 runs out of /24s;
/// the benchmark uses 10.0.0.0/8 to measure scaling (the computation does not depend on the range size).
/// Baseline: the same mesh built the way the original client does it, a fresh allowed-IP list and endpoint
/// per peer entry.
/// </summary>
[MemoryDiagnoser]
public class MeshBenchmarks
{
    private UserNetwork _network = null!;

    [Params(10, 100, 1_000, 5_000)]
    public int Members { get; set; }

    [GlobalSetup(Target = nameof(PerEntryAllocation))]
    public void SetupBaseline() => BuildNetwork();

    /// <summary>
    /// Also prints CPU time per computation (process CPU time, GC included): on a shared machine the wall-clock
    /// figures above include time spent waiting for a core, CPU time does not.
    /// </summary>
    [GlobalSetup(Target = nameof(Compute))]
    public void SetupCompute()
    {
        BuildNetwork();
        var repeat = Members >= 5_000 ? 5 : 20;
        var compute = CpuMilliseconds(() => MeshCalculator.Compute(_network), repeat);
        var baseline = Members <= 1_000 ? CpuMilliseconds(() => PerEntryMesh.Build(_network), Math.Max(repeat / 4, 2)) : double.NaN;
        Console.WriteLine($"// cpu time per op for {Members} members: Compute {compute:F3} ms, PerEntryAllocation {baseline:F3} ms, ratio {compute / baseline:F3}");
    }

    private static double CpuMilliseconds(Action action, int repeat)
    {
        for (var i = 0; i < 3; i++)
            action();
        var process = System.Diagnostics.Process.GetCurrentProcess();
        process.Refresh();
        var before = process.TotalProcessorTime;
        for (var i = 0; i < repeat; i++)
            action();
        process.Refresh();
        return (process.TotalProcessorTime - before).TotalMilliseconds / repeat;
    }

    private void BuildNetwork()
    {
        var members = new NetworkMember[Members];
        for (var i = 0; i < Members; i++)
        {
            var id = $"node-{i:D5}";
            var shape = i == Members - 1 ? 5 : (i * 37 % 20) switch { < 8 => 0, < 13 => 1, < 16 => 2, _ => 3 };
            members[i] = new NetworkMember
            {
                Id = id,
                Kind = shape == 5 ? NetworkMemberKind.UserAccess : NetworkMemberKind.Node,
                Subnet = new IPNetwork(new IPAddress([10, (byte)((i + 2) >> 8), (byte)((i + 2) & 0xFF), 0]), 24),
                PublicKey = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(id))),
                ListenPort = 5000 + i,
                PublicIPv4 = shape is 0 or 1 ? new IPAddress([203, 0, (byte)(i >> 8), (byte)(i & 0xFF)]) : null,
                PublicIPv6 = shape is 0 or 2 ? IPAddress.Parse($"2001:db8::{i:x}") : null,
            };
        }

        _network = new UserNetwork { Owner = "42", Name = "bench", IpRange = IPNetwork.Parse("10.0.0.0/8"), Members = members };
        var plan = MeshCalculator.Compute(_network).Plan!;
        Console.WriteLine($"// mesh of {Members} members: {plan.Members.Sum(m => m.Peers.Count)} peer entries, access node {plan.AccessNodeId}");
    }

    [Benchmark]
    public MeshResult Compute() => MeshCalculator.Compute(_network);

    [Benchmark(Baseline = true)]
    public int PerEntryAllocation() => PerEntryMesh.Build(_network);
}
