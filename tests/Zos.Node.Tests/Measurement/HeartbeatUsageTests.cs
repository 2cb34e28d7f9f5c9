using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Xunit;
using Zos.Client;
using Zos.Core.Bringup;
using Zos.Core.Contracts;
using Zos.Core.Primitives;
using Zos.Node.Bringup;
using Zos.Node.Measurement;
using Zos.Node.Registration;
using Zos.Node.Tests.Bringup;

namespace Zos.Node.Tests.Measurement;

/// <summary>The registrar's heartbeat carries what the usage reader measured, read off the wire (a recording HTTP handler, no registry).</summary>
public sealed class HeartbeatUsageTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("zos-heartbeat-usage-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Heartbeat_WithUsageReader_CarriesTheMeasurementAndItsTime()
    {
        var proc = Directory.CreateDirectory(Path.Combine(_dir, "proc")).FullName;
        File.WriteAllText(Path.Combine(proc, "meminfo"), "MemTotal: 4194304 kB\nMemAvailable: 1048576 kB\n");
        File.WriteAllText(Path.Combine(proc, "loadavg"), "0.40 0.30 0.20 1/100 42\n");
        var measuredAt = new DateTimeOffset(2026, 12, 8, 2, 0, 0, TimeSpan.Zero);
        using var identity = Ed25519Identity.Generate();
        var handler = new HeartbeatRecorder();
        using var http = new HttpClient(handler) { BaseAddress = new Uri("http://198.51.100.7:8480/") };
        var links = new RecordingLinkControl();
        links.Links.Add(new HostLink("zos", 2, "bridge", MacAddress.Parse("52:54:00:00:00:07"), null, true, true));
        var status = new StatusReporter(Path.Combine(_dir, "status.json"), TextWriter.Null, TimeProvider.System);
        var settings = new RegistrationSettings(http.BaseAddress, 12, TimeSpan.FromHours(1), BackoffPolicy.Default,
            [new ConnectivityTarget("198.51.100.7", 8480)], TimeSpan.FromSeconds(1), new HashSet<string> { "veth" }, false);
        var registrar = new NodeRegistrar(new RegistryClient(http, new RequestSigner(identity, TimeProvider.System)), identity.Id, links,
            new Online(), new LeaseTracker(links, "zos", TimeProvider.System), status, new HostFactsReader(), settings, TimeProvider.System, new Random(1),
            new UsageReader(new FakeTimeProvider(measuredAt), proc));

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var run = registrar.RunAsync(cts.Token);
        var body = await handler.FirstHeartbeat.Task.WaitAsync(cts.Token);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);

        var usage = JsonSerializer.Deserialize<Heartbeat>(body, ContractJson.Options)!.Health.Usage;
        Assert.NotNull(usage);
        Assert.Equal(measuredAt, usage.MeasuredAt);
        Assert.Equal(new MemoryUsage(4L << 30, 1L << 30), usage.Memory);
        Assert.Equal(new LoadAverage(0.4, 0.3, 0.2), usage.Load);
        // No mounts file in this /proc: the disks were not measured, so none are claimed.
        Assert.Null(usage.Disks);
    }

    /// <summary>Registers the node as a farm member and records the first heartbeat's body.</summary>
    private sealed class HeartbeatRecorder : HttpMessageHandler
    {
        public TaskCompletionSource<string> FirstHeartbeat { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = await request.Content!.ReadAsStringAsync(cancellationToken);
            if (request.RequestUri?.AbsolutePath.EndsWith("/heartbeat", StringComparison.Ordinal) == true)
            {
                FirstHeartbeat.TrySetResult(body);
                return new HttpResponseMessage(HttpStatusCode.NoContent);
            }
            var sent = JsonSerializer.Deserialize<NodeRegistration>(body, ContractJson.Options)!;
            var view = new NodeView(sent.NodeId, sent.FarmId, sent.Interfaces, sent.Capacity, sent.Versions, sent.ManagementNic, null, null, NodeStatus.Up,
                DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, 0, 100);
            return new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent(JsonSerializer.Serialize(view, ContractJson.Options), Encoding.UTF8, "application/json"),
            };
        }
    }

    private sealed class Online : IConnectivityProbe
    {
        public Task<ConnectivityResult> CheckAsync(IReadOnlyList<ConnectivityTarget> targets, TimeSpan timeout, CancellationToken ct) =>
            Task.FromResult(new ConnectivityResult(true, true, false, null));
    }
}
