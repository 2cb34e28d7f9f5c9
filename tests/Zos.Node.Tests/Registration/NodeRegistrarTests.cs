using System.Net;
using System.Text;
using System.Text.Json;
using Xunit;
using Zos.Client;
using Zos.Core.Bringup;
using Zos.Core.Contracts;
using Zos.Core.Primitives;
using Zos.Node.Bringup;
using Zos.Node.Registration;
using Zos.Node.Tests.Bringup;

namespace Zos.Node.Tests.Registration;

/// <summary>What the registrar sends to the registry, read off the wire (a recording HTTP handler, no registry).</summary>
public sealed class NodeRegistrarTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("zos-registrar-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Register_VolatileState_TheRequestCarriesIdentityVolatile(bool identityVolatile)
    {
        using var identity = Ed25519Identity.Generate();
        var handler = new RecordingHandler();
        using var http = new HttpClient(handler) { BaseAddress = new Uri("http://198.51.100.7:8480/") };
        var links = new RecordingLinkControl();
        links.Links.Add(new HostLink("zos", 2, "bridge", MacAddress.Parse("52:54:00:00:00:05"), null, true, true));
        links.Links.Add(new HostLink("eth0", 3, "veth", MacAddress.Parse("52:54:00:00:00:05"), 2, true, true));
        var status = new StatusReporter(Path.Combine(_dir, "status.json"), TextWriter.Null, TimeProvider.System);
        var settings = new RegistrationSettings(http.BaseAddress, 12, TimeSpan.FromHours(1), BackoffPolicy.Default,
            [new ConnectivityTarget("198.51.100.7", 8480)], TimeSpan.FromSeconds(1), new HashSet<string> { "veth" }, identityVolatile);
        var registrar = new NodeRegistrar(new RegistryClient(http, new RequestSigner(identity, TimeProvider.System)), identity.Id, links,
            new Online(), new LeaseTracker(links, "zos", TimeProvider.System), status, new HostFactsReader(), settings, TimeProvider.System, new Random(1));

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var run = registrar.RunAsync(cts.Token);
        var body = await handler.FirstRegistration.Task.WaitAsync(cts.Token);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);

        using var json = JsonDocument.Parse(body);
        Assert.Equal(identityVolatile, json.RootElement.GetProperty("identityVolatile").GetBoolean());
        Assert.Equal(identity.Id, json.RootElement.GetProperty("nodeId").GetString());
        Assert.Equal(12u, json.RootElement.GetProperty("farmId").GetUInt32());
        Assert.True(status.Current.Registered);
    }

    /// <summary>Answers POST api/v1/nodes with a node view and records the first body; heartbeats get an empty answer.</summary>
    private sealed class RecordingHandler : HttpMessageHandler
    {
        public TaskCompletionSource<string> FirstRegistration { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Method == HttpMethod.Post && request.RequestUri?.AbsolutePath.EndsWith("/heartbeat", StringComparison.Ordinal) == true)
                return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
            if (request.Method != HttpMethod.Post || request.RequestUri?.AbsolutePath != "/api/v1/nodes")
                return new HttpResponseMessage(HttpStatusCode.NotFound);
            var body = await request.Content!.ReadAsStringAsync(cancellationToken);
            var sent = JsonSerializer.Deserialize<NodeRegistration>(body, ContractJson.Options)!;
            var view = new NodeView(sent.NodeId, sent.FarmId, sent.Interfaces, sent.Capacity, sent.Versions, sent.ManagementNic, null, null, NodeStatus.Up,
                DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, 0, 100, null, sent.IdentityVolatile);
            FirstRegistration.TrySetResult(body);
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
