using Xunit;
using Zos.Core.Contracts;
using Zos.Node.Network;

namespace Zos.Node.Tests.Mesh;

/// <summary>
/// Privileged: the daemon SIGKILLs itself (--test-kill-before-operation) at ten different kernel operations of its reconcile
/// passes while networks are added and removed; after each crash a clean restart converges (a pass with nothing to
/// do, no errors) and nothing is left over: exactly the wanted namespaces, one wireguard-go and one control socket
/// per network.
/// </summary>
public class CrashConvergenceTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Restart_AfterKillAtTenOperations_ConvergesWithoutLeaks()
    {
        MeshTests.RequireTools();
        using var farm = MeshFarm.Create();
        var node = farm.AddNode();
        var id = await node.WaitRegisteredAsync(Wait);
        var one = farm.CliJson("network", "create", "crashone", "--range", "10.30.0.0/16").GetProperty("netId").GetString()!;
        var two = farm.CliJson("network", "create", "crashtwo", "--range", "10.31.0.0/16").GetProperty("netId").GetString()!;
        farm.CliJson("network", "add", one, id);
        var wanted = new HashSet<string>(StringComparer.Ordinal) { one };
        await ConvergedAsync(node, wanted, DateTimeOffset.UtcNow);

        // Iterations alternate between adding network two (a restart re-creates one's device, then builds two: over
        // twenty operations) and removing it (about six), so the later points go to the adding iterations.
        int[] points = [8, 1, 10, 2, 12, 3, 14, 4, 16, 5];
        var crashed = new List<int>();
        foreach (var point in points)
        {
            node.KillHard();
            // Change the desired state while the daemon is down: network two comes and goes.
            if (wanted.Remove(two))
                farm.CliJson("network", "remove", two, id);
            else
            {
                farm.CliJson("network", "add", two, id);
                wanted.Add(two);
            }
            node.Start(crashAt: point);
            if (node.WaitForExit(TimeSpan.FromSeconds(30)))
                crashed.Add(point);
            var restarted = DateTimeOffset.UtcNow;
            node.Start();
            await ConvergedAsync(node, wanted, restarted);
        }
        Assert.Equal(points, crashed);
    }

    /// <summary>Waits for a clean pass with nothing to do after <paramref name="since"/>, then checks for leaks.</summary>
    private static async Task ConvergedAsync(MeshNode node, IReadOnlySet<string> wanted, DateTimeOffset since)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (true)
        {
            if (node.NetworkStatus is { } s && s.LastPassAt > since && s.LastPassOperations == 0 && s.Errors.Count == 0 && s.Passes > 0)
                break;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"no clean pass within {Wait.TotalSeconds} s: {System.Text.Json.JsonSerializer.Serialize(node.NetworkStatus)}\n{node.Log}");
            if (node.HasExited)
                throw new InvalidOperationException($"the daemon exited:\n{node.Log}");
            await Task.Delay(200);
        }
        var expected = wanted.Select(n => "n-" + n).Append("ndmz").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, node.NamespaceNames().Order(StringComparer.Ordinal).ToList());
        Assert.Equal(wanted.Count, node.WireGuardProcesses());
        var sockets = Directory.GetFiles(Path.Combine(node.StateDirectory, NetworkManagerFiles.WireGuardDirectoryName), "*.sock")
            .Select(f => Path.GetFileNameWithoutExtension(f)!).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(wanted.Select(n => "w-" + n).Order(StringComparer.Ordinal).ToList(), sockets);
        var bridges = node.Enter("ip", "-br", "link", "show", "type", "bridge").StdOut;
        foreach (var n in wanted)
            Assert.Contains("b-" + n, bridges, StringComparison.Ordinal);
        Assert.Equal(wanted.Count, bridges.Split('\n').Count(l => l.StartsWith("b-", StringComparison.Ordinal)));
    }
}
