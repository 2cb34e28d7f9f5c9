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

/// <summary>
/// Issue 14: the registrar with the node's <see cref="RegistryTrust"/> does not take an answer its registry did not
/// sign as a registration: it stays unregistered, says why in its status and keeps retrying.
/// </summary>
public sealed class NodeRegistrarTrustTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("zos-registrar-trust-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Register_ImpostorAnswersUnsigned_NotRegisteredSaysWhyAndRetries()
    {
        using var identity = Ed25519Identity.Generate();
        using var registryKey = Ed25519Identity.Generate();
        var impostor = new UnsignedRegistry();
        using var http = new HttpClient(impostor) { BaseAddress = new Uri("http://198.51.100.7:8480/") };
        var links = new RecordingLinkControl();
        links.Links.Add(new HostLink("zos", 2, "bridge", MacAddress.Parse("52:54:00:00:00:05"), null, true, true));
        var console = new StringWriter();
        var status = new StatusReporter(Path.Combine(_dir, "status.json"), console, TimeProvider.System);
        var settings = new RegistrationSettings(http.BaseAddress, 12, TimeSpan.FromHours(1),
            new BackoffPolicy(TimeSpan.FromMilliseconds(20), 1, TimeSpan.FromMilliseconds(20), 0),
            [new ConnectivityTarget("198.51.100.7", 8480)], TimeSpan.FromSeconds(1), new HashSet<string> { "veth" }, false);
        var trust = new RegistryTrust(http.BaseAddress, registryKey.PublicKey, null);
        var registrar = new NodeRegistrar(new RegistryClient(http, new RequestSigner(identity, TimeProvider.System), trust), identity.Id, links,
            new Online(), new LeaseTracker(links, "zos", TimeProvider.System), status, new HostFactsReader(), settings, TimeProvider.System, new Random(1));

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var run = registrar.RunAsync(cts.Token);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (impostor.Registrations < 3 && DateTime.UtcNow < deadline)
            await Task.Delay(20, TestContext.Current.CancellationToken);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);

        Assert.True(impostor.Registrations >= 3, "the registrar stopped retrying");
        Assert.False(status.Current.Registered);
        Assert.Contains("answered without a signature", status.Current.RegistryError, StringComparison.Ordinal);
        Assert.Contains("refusing its registration answer", status.Current.RegistryError, StringComparison.Ordinal);
        Assert.Contains("refusing its registration answer", BringupStatusText.Render(status.Current), StringComparison.Ordinal);
    }

    /// <summary>Answers every registration with a well-formed node view, unsigned, as anything at the registry URL could.</summary>
    private sealed class UnsignedRegistry : HttpMessageHandler
    {
        private int _registrations;

        public int Registrations => Volatile.Read(ref _registrations);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Method != HttpMethod.Post || request.RequestUri?.AbsolutePath != "/api/v1/nodes")
                return new HttpResponseMessage(HttpStatusCode.NotFound);
            Interlocked.Increment(ref _registrations);
            var sent = JsonSerializer.Deserialize<NodeRegistration>(await request.Content!.ReadAsStringAsync(cancellationToken), ContractJson.Options)!;
            var view = new NodeView(sent.NodeId, sent.FarmId, sent.Interfaces, sent.Capacity, sent.Versions, sent.ManagementNic, null, null, NodeStatus.Up,
                DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, 0, 100, null, sent.IdentityVolatile);
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
