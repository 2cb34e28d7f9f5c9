using System.Net;
using System.Net.Http.Json;
using System.Text;
using Xunit;
using Zos.Client;
using Zos.Core.Bringup;
using Zos.Core.Contracts;
using Zos.Node;
using Zos.Node.Network;
using Zos.Node.Registration;
using Zos.Registry.Tests.Support;

namespace Zos.Registry.Tests.Attacks;

/// <summary>
/// Issue 14, "nodes trust whatever answers at the registry URL": the registry signs the desired state and the
/// registration answer with its own key, and the node's own code (the desired-state poller, the registry client it
/// registers with) refuses answers from an impostor (another registry, with another key, at the URL the node uses),
/// unsigned, altered or replayed answers, with a message that says so, and keeps retrying.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ImpostorRegistryTests : IAsyncLifetime
{
    private readonly string _state = Directory.CreateTempSubdirectory("zos-impostor-").FullName;
    private TestRegistry? _real;
    private TestRegistry? _impostor;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private TestRegistry Real => _real!;

    private TestRegistry Impostor => _impostor!;

    public async ValueTask InitializeAsync()
    {
        _real = await TestRegistry.StartAsync(StoreKind.Sqlite);
        _impostor = await TestRegistry.StartAsync(StoreKind.Sqlite);
    }

    public async ValueTask DisposeAsync()
    {
        if (_real is not null)
            await _real.DisposeAsync();
        if (_impostor is not null)
            await _impostor.DisposeAsync();
        Directory.Delete(_state, recursive: true);
    }

    [Fact]
    public async Task RegistryInfo_PublishesTheKeyThatSignsAnswers_KeptInAnOwnerOnlyFile()
    {
        var info = await Real.Http().GetFromJsonAsync("api/v1/registry", ContractJson.TypeInfo<RegistryInfo>(), Ct);
        Assert.NotNull(info);
        Assert.True(ResponseSigning.TryParseKey(info.PublicKey, out _));
        var keyFile = Real.Options.EffectiveSigningKeyFile;
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        var other = await Impostor.Http().GetFromJsonAsync("api/v1/registry", ContractJson.TypeInfo<RegistryInfo>(), Ct);
        Assert.NotEqual(info.PublicKey, other!.PublicKey);

        var (node, _) = await Real.NodeAsync(null);
        using var response = await Real.Http().GetAsync($"api/v1/nodes/{node.Id}/desired-state", Ct);
        Assert.Equal(info.PublicKey, response.Headers.GetValues(ResponseSigning.KeyHeader).Single());
        Assert.Single(response.Headers.GetValues(ResponseSigning.SignatureHeader));
    }

    [Fact]
    public async Task RegistryKey_SecondStartOnTheSameDirectory_SameKey()
    {
        var first = await KeyOfAsync(Real);
        // The first process ends before the second starts: one process serves a SQLite store.
        await Real.App.StopAsync(Ct);
        await Real.App.DisposeAsync();
        await using var again = await RegistryApp.BuildAsync(Real.Options, Real.Time, b => Microsoft.AspNetCore.TestHost.WebHostBuilderExtensions.UseTestServer(b.WebHost), Ct);
        Assert.Equal(first, again.Services.GetService(typeof(Signing.RegistrySigningKey)) is Signing.RegistrySigningKey k ? k.PublicKeyBase64 : null);
    }

    [Fact]
    public async Task Poller_ImpostorWithAnotherKey_RefusesItsDesiredStateAndSaysSo()
    {
        using var identity = Ed25519Identity.Generate();
        await RegisterBothAsync(identity);
        var trust = new RegistryTrust(new Uri("http://registry.test/"), Convert.FromBase64String(await KeyOfAsync(Real)), null);
        var console = new StringWriter();
        var status = new StatusReporter(Path.Combine(_state, "status.json"), console, TimeProvider.System);
        var applied = new List<DesiredState>();
        var poller = new DesiredStatePoller(new RegistryClient(Impostor.Http(), null, trust), identity.Id, Fast, status, TimeProvider.System, new Random(1));

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var run = poller.RunAsync(applied.Add, cts.Token);
        await WaitUntilAsync(() => console.ToString().Split("desired state poll failed").Length > 2, "two refused polls");
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);

        Assert.Empty(applied);
        Assert.Contains("answered with a key that is not the one given by zos-registry-key=", status.Current.RegistryError);
        Assert.Contains("refusing its desired state", status.Current.RegistryError);
        Assert.Contains(await KeyOfAsync(Impostor), status.Current.RegistryError);
        Assert.Contains("retrying in", console.ToString());
    }

    [Fact]
    public async Task Poller_ImpostorThenTheRealRegistry_RefusesThenAppliesAndClearsTheError()
    {
        using var identity = Ed25519Identity.Generate();
        await RegisterBothAsync(identity);
        var trust = new RegistryTrust(new Uri("http://registry.test/"), Convert.FromBase64String(await KeyOfAsync(Real)), null);
        var console = new StringWriter();
        var status = new StatusReporter(Path.Combine(_state, "status.json"), console, TimeProvider.System);
        var applied = new TaskCompletionSource<DesiredState>(TaskCreationOptions.RunContinuationsAsynchronously);
        // Whoever answers at the URL: the impostor for the first two polls (a hijacked DNS name), then the registry.
        using var http = new HttpClient(new Switching(Impostor, Real, 2)) { BaseAddress = new Uri("http://registry.test/") };
        var poller = new DesiredStatePoller(new RegistryClient(http, null, trust), identity.Id, Fast, status, TimeProvider.System, new Random(1));

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var run = poller.RunAsync(s => applied.TrySetResult(s), cts.Token);
        var state = await applied.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);

        Assert.Equal(identity.Id, state.NodeId);
        Assert.Equal(2, console.ToString().Split("refusing its desired state").Length - 1);
        Assert.Null(status.Current.RegistryError);
        Assert.Contains("signed by the trusted key again", console.ToString());
    }

    [Fact]
    public async Task Poller_RealRegistryWithItsKey_AppliesTheDesiredState()
    {
        using var identity = Ed25519Identity.Generate();
        await RegisterBothAsync(identity);
        var trust = new RegistryTrust(new Uri("http://registry.test/"), Convert.FromBase64String(await KeyOfAsync(Real)), null);
        var status = new StatusReporter(Path.Combine(_state, "status.json"), TextWriter.Null, TimeProvider.System);
        var applied = new TaskCompletionSource<DesiredState>(TaskCreationOptions.RunContinuationsAsynchronously);
        var poller = new DesiredStatePoller(new RegistryClient(Real.Http(), null, trust), identity.Id, Fast, status, TimeProvider.System, new Random(1));

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var run = poller.RunAsync(s => applied.TrySetResult(s), cts.Token);
        var state = await applied.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.Equal(identity.Id, state.NodeId);
        Assert.Null(status.Current.RegistryError);
    }

    [Fact]
    public async Task TrustOnFirstUse_PinsTheFirstKey_ThenRefusesTheImpostorAfterARestart()
    {
        using var identity = Ed25519Identity.Generate();
        await RegisterBothAsync(identity);
        var pinFile = Path.Combine(_state, RegistryKeyPinFile.FileName);
        var first = new RegistryTrust(new Uri("http://registry.test/"), null, new RegistryKeyPinFile(pinFile));
        string? pinned = null;
        first.KeyPinned += k => pinned = k;
        var poll = await new RegistryClient(Real.Http(), null, first).GetDesiredStateAsync(identity.Id, null, TimeSpan.Zero, Ct);
        Assert.True(poll.Changed);
        Assert.Equal(await KeyOfAsync(Real), pinned);
        Assert.Equal(await KeyOfAsync(Real), File.ReadAllText(pinFile).Trim());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(pinFile));

        // The node restarts: a new trust reads the pin, and the impostor's answer is refused.
        var restarted = new RegistryTrust(new Uri("http://registry.test/"), null, new RegistryKeyPinFile(pinFile));
        var e = await Assert.ThrowsAsync<RegistryTrustException>(() =>
            new RegistryClient(Impostor.Http(), null, restarted).GetDesiredStateAsync(identity.Id, null, TimeSpan.Zero, Ct));
        Assert.Contains("answered with a key that is not the pinned one", e.Message);
        Assert.Contains("refusing its desired state", e.Message);
        Assert.Equal(await KeyOfAsync(Real), File.ReadAllText(pinFile).Trim());
    }

    [Fact]
    public async Task Registration_ImpostorAnswers_RefusedAsTransient()
    {
        using var identity = Ed25519Identity.Generate();
        var trust = new RegistryTrust(new Uri("http://registry.test/"), Convert.FromBase64String(await KeyOfAsync(Real)), null);
        var client = new RegistryClient(Impostor.Http(), new RequestSigner(identity, Impostor.Time), trust);
        var e = await Assert.ThrowsAsync<RegistryTrustException>(() => client.RegisterNodeAsync(TestRegistry.Registration(identity.Id, null), Ct));
        Assert.Contains("refusing its registration answer", e.Message);
        Assert.True(RegistryFailure.IsTransient(e, CancellationToken.None));

        var real = new RegistryClient(Real.Http(), new RequestSigner(identity, Real.Time), trust);
        var view = await real.RegisterNodeAsync(TestRegistry.Registration(identity.Id, null), Ct);
        Assert.Equal(identity.Id, view.Id);
    }

    [Fact]
    public async Task UnsignedAnswer_Refused()
    {
        using var identity = Ed25519Identity.Generate();
        await RegisterBothAsync(identity);
        using var http = new HttpClient(new Rewriting(Real, (response, _) =>
        {
            response.Headers.Remove(ResponseSigning.SignatureHeader);
            response.Headers.Remove(ResponseSigning.KeyHeader);
        })) { BaseAddress = new Uri("http://registry.test/") };
        var trust = new RegistryTrust(new Uri("http://registry.test/"), Convert.FromBase64String(await KeyOfAsync(Real)), null);
        var e = await Assert.ThrowsAsync<RegistryTrustException>(() =>
            new RegistryClient(http, null, trust).GetDesiredStateAsync(identity.Id, null, TimeSpan.Zero, Ct));
        Assert.Contains("answered without a signature", e.Message);
    }

    [Fact]
    public async Task AlteredBody_Refused()
    {
        using var identity = Ed25519Identity.Generate();
        await RegisterBothAsync(identity);
        using var http = new HttpClient(new Rewriting(Real, (response, body) =>
        {
            // A machine in the path adds a network to the node's desired state, keeping the registry's headers.
            var altered = body.Replace("\"networks\":[]", "\"networks\":[{\"netId\":\"evil\"}]", StringComparison.Ordinal);
            Assert.NotEqual(body, altered);
            var headers = response.Content.Headers.ContentType;
            response.Content = new StringContent(altered, Encoding.UTF8);
            response.Content.Headers.ContentType = headers;
        })) { BaseAddress = new Uri("http://registry.test/") };
        var trust = new RegistryTrust(new Uri("http://registry.test/"), Convert.FromBase64String(await KeyOfAsync(Real)), null);
        var e = await Assert.ThrowsAsync<RegistryTrustException>(() =>
            new RegistryClient(http, null, trust).GetDesiredStateAsync(identity.Id, null, TimeSpan.Zero, Ct));
        Assert.Contains("a signature that does not verify", e.Message);
    }

    [Fact]
    public async Task ReplayedAnswer_ForAnotherRequest_Refused()
    {
        using var identity = Ed25519Identity.Generate();
        await RegisterBothAsync(identity);
        // An answer the registry signed for an earlier poll (another challenge), played back to a new poll.
        using var earlier = new HttpRequestMessage(HttpMethod.Get, $"api/v1/nodes/{identity.Id}/desired-state");
        earlier.Headers.Add(ResponseSigning.ChallengeHeader, RegistryTrust.NewChallenge());
        using var captured = await Real.Http().SendAsync(earlier, Ct);
        var capturedBody = await captured.Content.ReadAsStringAsync(Ct);
        using var http = new HttpClient(new Replaying(captured, capturedBody)) { BaseAddress = new Uri("http://registry.test/") };
        var trust = new RegistryTrust(new Uri("http://registry.test/"), Convert.FromBase64String(await KeyOfAsync(Real)), null);
        var e = await Assert.ThrowsAsync<RegistryTrustException>(() =>
            new RegistryClient(http, null, trust).GetDesiredStateAsync(identity.Id, null, TimeSpan.Zero, Ct));
        Assert.Contains("a signature that does not verify", e.Message);
    }

    [Fact]
    public async Task Challenge_NotHex_RefusedWithTheHeaderNamed()
    {
        var (node, _) = await Real.NodeAsync(null);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/v1/nodes/{node.Id}/desired-state");
        request.Headers.Add(ResponseSigning.ChallengeHeader, "not hex!");
        using var response = await Real.Http().SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(ResponseSigning.ChallengeHeader, await response.Content.ReadAsStringAsync(Ct));
    }

    private static readonly NetworkManagerSettings Fast = NetworkManagerSettings.Default with
    {
        LongPollWait = TimeSpan.Zero,
        Backoff = new BackoffPolicy(TimeSpan.FromMilliseconds(20), 1.0, TimeSpan.FromMilliseconds(20), 0),
    };

    private async Task RegisterBothAsync(Ed25519Identity identity)
    {
        await Real.Client(identity).RegisterNodeAsync(TestRegistry.Registration(identity.Id, null), Ct);
        await Impostor.Client(identity).RegisterNodeAsync(TestRegistry.Registration(identity.Id, null), Ct);
    }

    private static async Task<string> KeyOfAsync(TestRegistry registry) =>
        (await registry.Http().GetFromJsonAsync("api/v1/registry", ContractJson.TypeInfo<RegistryInfo>(), Ct))!.PublicKey;

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"timed out waiting for {what}");
            await Task.Delay(20, Ct);
        }
    }

    /// <summary>Forwards to a registry and lets the test change the answer (a machine in the path).</summary>
    private sealed class Rewriting(TestRegistry target, Action<HttpResponseMessage, string> rewrite) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            using var http = target.Http();
            using var forward = new HttpRequestMessage(request.Method, request.RequestUri!.PathAndQuery.TrimStart('/'));
            foreach (var h in request.Headers)
                forward.Headers.TryAddWithoutValidation(h.Key, h.Value);
            var response = await http.SendAsync(forward, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            rewrite(response, body);
            return response;
        }
    }

    /// <summary>Sends the first <paramref name="first"/> requests to <paramref name="before"/>, the rest to <paramref name="after"/>.</summary>
    private sealed class Switching(TestRegistry before, TestRegistry after, int first) : HttpMessageHandler
    {
        private int _sent;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var target = Interlocked.Increment(ref _sent) <= first ? before : after;
            using var http = target.Http();
            using var forward = new HttpRequestMessage(request.Method, request.RequestUri!.PathAndQuery.TrimStart('/'));
            foreach (var h in request.Headers)
                forward.Headers.TryAddWithoutValidation(h.Key, h.Value);
            var response = await http.SendAsync(forward, cancellationToken);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            var copy = new HttpResponseMessage(response.StatusCode) { Content = new ByteArrayContent(body) };
            foreach (var h in response.Headers)
                copy.Headers.TryAddWithoutValidation(h.Key, h.Value);
            response.Dispose();
            return copy;
        }
    }

    /// <summary>Answers every request with one captured answer.</summary>
    private sealed class Replaying(HttpResponseMessage captured, string body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var answer = new HttpResponseMessage(captured.StatusCode) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            foreach (var h in captured.Headers)
                answer.Headers.TryAddWithoutValidation(h.Key, h.Value);
            return Task.FromResult(answer);
        }
    }
}
