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

    [Fact]
    public async Task Register_PendingThenRefusedThenApproved_NotRegisteredMeanwhileSaysWhyHeartbeatsAndGoesOn()
    {
        using var identity = Ed25519Identity.Generate();
        const string token = "zft_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_AbCDe";
        var handler = new EnrollmentHandler();
        using var http = new HttpClient(handler) { BaseAddress = new Uri("http://198.51.100.7:8480/") };
        var links = new RecordingLinkControl();
        links.Links.Add(new HostLink("zos", 2, "bridge", MacAddress.Parse("52:54:00:00:00:05"), null, true, true));
        var console = new StringWriter();
        var status = new StatusReporter(Path.Combine(_dir, "status.json"), TextWriter.Synchronized(console), TimeProvider.System);
        var quick = new BackoffPolicy(TimeSpan.FromMilliseconds(20), 1, TimeSpan.FromMilliseconds(20), 0);
        var settings = new RegistrationSettings(http.BaseAddress, 12, TimeSpan.FromHours(1), quick,
            [new ConnectivityTarget("198.51.100.7", 8480)], TimeSpan.FromSeconds(1), new HashSet<string> { "veth" }, false, token);
        var registrar = new NodeRegistrar(new RegistryClient(http, new RequestSigner(identity, TimeProvider.System)), identity.Id, links,
            new Online(), new LeaseTracker(links, "zos", TimeProvider.System), status, new HostFactsReader(), settings, TimeProvider.System, new Random(1));
        // What the status said at each registration the registry answered.
        handler.OnRegistration = () => handler.Seen.Add((status.Current.Registered, status.Current.Enrollment));

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var run = registrar.RunAsync(cts.Token);
        await handler.Member.Task.WaitAsync(cts.Token);
        while (!status.Current.Registered)
            await Task.Delay(10, cts.Token);
        await cts.CancelAsync();
        try
        {
            await run; // stops at the loop's check or inside a wait, whichever the cancellation meets
        }
        catch (OperationCanceledException)
        {
        }

        // Every registration carried the token; the daemon was never "registered" (network manager waits) before the approval.
        Assert.All(handler.Bodies, b => Assert.Equal(token, JsonSerializer.Deserialize<NodeRegistration>(b, ContractJson.Options)!.FarmToken));
        Assert.Equal(5, handler.Bodies.Count);
        Assert.All(handler.Seen.Skip(1), s => Assert.False(s.Registered));
        Assert.StartsWith("pending: waiting for the farmer of farm 12", handler.Seen[1].Enrollment, StringComparison.Ordinal);
        Assert.StartsWith("refused by the registry: the farmer of farm 12 refused", handler.Seen[3].Enrollment, StringComparison.Ordinal);
        Assert.True(handler.Heartbeats >= 4, $"{handler.Heartbeats} heartbeats while kept out");
        Assert.Null(status.Current.Enrollment);
        var log = console.ToString();
        // Said once per change, not once per attempt; the token never printed.
        Assert.Equal(1, CountOf(log, "not part of farm 12 yet: pending"));
        Assert.Equal(1, CountOf(log, "not part of farm 12 yet: refused"));
        Assert.Contains("farm 12 let this node in", log, StringComparison.Ordinal);
        Assert.DoesNotContain(token, log, StringComparison.Ordinal);
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;

    /// <summary>Answers registrations pending, pending, refused (403), refused, then as a member; counts heartbeats.</summary>
    private sealed class EnrollmentHandler : HttpMessageHandler
    {
        private int _heartbeats;

        public List<string> Bodies { get; } = [];

        public List<(bool Registered, string? Enrollment)> Seen { get; } = [];

        public Action? OnRegistration { get; set; }

        public int Heartbeats => Volatile.Read(ref _heartbeats);

        public TaskCompletionSource Member { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri?.AbsolutePath.EndsWith("/heartbeat", StringComparison.Ordinal) == true)
            {
                Interlocked.Increment(ref _heartbeats);
                return new HttpResponseMessage(HttpStatusCode.NoContent);
            }
            var body = await request.Content!.ReadAsStringAsync(cancellationToken);
            OnRegistration?.Invoke();
            Bodies.Add(body);
            var sent = JsonSerializer.Deserialize<NodeRegistration>(body, ContractJson.Options)!;
            var n = Bodies.Count;
            if (n is 3 or 4)
            {
                const string problem = """{"title":"Forbidden","status":403,"detail":"refused","errors":{"enrollment":["the farmer of farm 12 refused node x"]}}""";
                return new HttpResponseMessage(HttpStatusCode.Forbidden) { Content = new StringContent(problem, Encoding.UTF8, "application/problem+json") };
            }
            var enrollment = n <= 2 ? new NodeEnrollment(12, EnrollmentState.Pending, DateTimeOffset.UnixEpoch) : null;
            var view = new NodeView(sent.NodeId, enrollment is null ? 12 : null, sent.Interfaces, sent.Capacity, sent.Versions, sent.ManagementNic, null, null,
                NodeStatus.Up, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, 0, 100, null, false, enrollment);
            if (enrollment is null)
                Member.TrySetResult();
            return new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent(JsonSerializer.Serialize(view, ContractJson.Options), Encoding.UTF8, "application/json"),
            };
        }
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
