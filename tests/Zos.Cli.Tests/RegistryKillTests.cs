using System.Collections.Concurrent;
using Xunit;
using Zos.Client;
using Zos.Core.Contracts;

namespace Zos.Cli.Tests;

/// <summary>
/// The registry process killed with SIGKILL under write load (registrations, and heartbeats, which take the
/// grouped path without savepoints) keeps every write it acknowledged.
/// </summary>
public sealed class RegistryKillTests : IDisposable
{
    private readonly RegistryProcess _registry = new();

    public void Dispose() => _registry.Dispose();

    [Fact]
    public async Task SigKill_UnderWriteLoad_EveryAcknowledgedWriteSurvivesRestart()
    {
        await _registry.StartAsync();
        var acknowledged = new ConcurrentBag<string>();
        // Per node, the uptime of its last acknowledged heartbeat (each node's heartbeats go one after another).
        var heartbeats = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        using var stop = new CancellationTokenSource();
        async Task Writer()
        {
            using var http = new HttpClient { BaseAddress = _registry.Url };
            while (!stop.IsCancellationRequested)
            {
                using var id = Ed25519Identity.Generate();
                var client = new RegistryClient(http, new RequestSigner(id, TimeProvider.System));
                try
                {
                    await client.RegisterNodeAsync(new NodeRegistration(id.Id, null, [new InterfaceInfo("eth0", "52:54:00:00:00:01", [])],
                        new NodeCapacity(1, 1L << 30, []), new NodeVersions("test", null)), CancellationToken.None);
                    acknowledged.Add(id.Id);
                    for (var uptime = 1; uptime <= 3; uptime++)
                    {
                        await client.HeartbeatAsync(id.Id, new Heartbeat(uptime, new NodeHealth(true, false, null, [])), CancellationToken.None);
                        heartbeats[id.Id] = uptime;
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or RegistryException)
                {
                    // The process died mid-request: this write was never acknowledged.
                    await Task.Delay(10);
                }
            }
        }
        var writers = Enumerable.Range(0, 8).Select(_ => Task.Run(Writer)).ToList();
        while (acknowledged.Count < 300)
            await Task.Delay(20, TestContext.Current.CancellationToken);
        _registry.Kill();
        var atKill = acknowledged.Count;
        await stop.CancelAsync();
        await Task.WhenAll(writers);

        await _registry.StartAsync();
        using var reader = new HttpClient { BaseAddress = _registry.Url };
        var stored = (await new RegistryClient(reader).ListNodesAsync(orphans: true, ct: TestContext.Current.CancellationToken)).ToDictionary(n => n.Id);
        var lost = acknowledged.Where(id => !stored.ContainsKey(id)).ToList();
        // A stored uptime below the last acknowledged one means an acknowledged heartbeat was lost.
        var lostBeats = heartbeats.Where(h => !stored.TryGetValue(h.Key, out var n) || n.UptimeSeconds < h.Value).Select(h => h.Key).ToList();
        Assert.True(atKill >= 300);
        Assert.NotEmpty(heartbeats);
        Assert.Empty(lost);
        Assert.Empty(lostBeats);
    }
}
