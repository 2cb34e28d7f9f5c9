using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xunit;
using Zos.Client;
using Zos.Core.Contracts;
using Zos.Registry.Storage;
using Zos.Registry.Tests.Support;

namespace Zos.Registry.Tests.Attacks;

/// <summary>
/// A captured signed write cannot be used again within its window: not after the registry restarts on the same
/// store, not at another registry process on the same store, not when sent to two processes at the same moment.
/// The replay table stays bounded (expired entries are swept). Runs once per store (<see cref="Sqlite"/>,
/// <see cref="Postgres"/>).
/// </summary>
public abstract class ReplayAttackTests : IAsyncLifetime
{
    /// <summary>The attacks on SQLite (one file, one registry process at a time: a second one is refused).</summary>
    public sealed class Sqlite : ReplayAttackTests
    {
        protected override StoreKind Kind => StoreKind.Sqlite;

        [Fact]
        public async Task SecondRegistryProcessOnTheSameFile_RefusedNamingTheFileAndTheWayOut()
        {
            await StartAsync();
            var second = await Assert.ThrowsAsync<StoreInUseException>(StartAsync);
            Assert.Contains("in use by another registry process", second.Message, StringComparison.Ordinal);
            Assert.Contains("--postgres", second.Message, StringComparison.Ordinal);
            Assert.EndsWith("registry.db", second.StorePath, StringComparison.Ordinal);
        }
    }

    /// <summary>The attacks on PostgreSQL (a fresh schema per test; needs ZOS_TEST_POSTGRES), with several registry processes on one database.</summary>
    public sealed class Postgres : ReplayAttackTests
    {
        protected override StoreKind Kind => StoreKind.Postgres;

        [Fact]
        public async Task Heartbeat_ReplayedToAnotherRegistryProcess_Refused()
        {
            var one = await StartAsync();
            var two = await StartAsync();
            var (node, heartbeat) = await NodeWithCapturedHeartbeatAsync(one);
            Assert.Equal(HttpStatusCode.NoContent, (await heartbeat.SendAsync(one)).StatusCode);
            var replay = await heartbeat.SendAsync(two);
            Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
            Assert.Equal($"replayed request: nonce '{heartbeat.Nonce}' of key '{node.Id}' was used already", await DetailAsync(replay));
            // A fresh heartbeat (new nonce) still passes at either process.
            Assert.Equal(HttpStatusCode.NoContent, (await (await CaptureHeartbeatAsync(node)).SendAsync(two)).StatusCode);
        }

        [Fact]
        public async Task SameCapturedWrite_SentToTwoProcessesAtOnce_ExactlyOneAccepted()
        {
            var one = await StartAsync();
            var two = await StartAsync();
            var (node, _) = await NodeWithCapturedHeartbeatAsync(one);
            for (var round = 0; round < 20; round++)
            {
                var heartbeat = await CaptureHeartbeatAsync(node);
                var answers = await Task.WhenAll(heartbeat.SendAsync(one), heartbeat.SendAsync(two));
                var codes = answers.Select(a => a.StatusCode).Order().ToArray();
                Assert.Equal([HttpStatusCode.NoContent, HttpStatusCode.Unauthorized], codes);
            }
        }
    }

    private readonly FakeTimeProvider _time = new(TestRegistry.Start);
    private readonly string _dir = Path.Combine(Path.GetTempPath(), Zos.Testing.TestNames.New("replay"));
    private readonly List<WebApplication> _apps = [];
    private PostgresDatabase? _pg;
    private RegistryOptions _options = new();

    protected abstract StoreKind Kind { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _pg = Kind == StoreKind.Postgres ? await PostgresDatabase.CreateAsync() : null;
        _options = new RegistryOptions
        {
            DataDirectory = _dir,
            PostgresConnectionString = _pg?.ConnectionString,
            SharedPollInterval = TimeSpan.FromMilliseconds(100),
            Cockpit = false,
        };
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var app in _apps.ToList())
            await StopAsync(app);
        if (_pg is not null)
            await _pg.DisposeAsync();
        if (Directory.Exists(_dir))
            Directory.Delete(_dir, recursive: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>A registry instance on the test's store: a process's worth of app, store, caches and replay guard.</summary>
    private async Task<WebApplication> StartAsync()
    {
        var app = await RegistryApp.BuildAsync(_options, _time, b => b.WebHost.UseTestServer(), Ct);
        await app.StartAsync(Ct);
        _apps.Add(app);
        return app;
    }

    private async Task StopAsync(WebApplication app)
    {
        _apps.Remove(app);
        await app.StopAsync(CancellationToken.None);
        await app.DisposeAsync();
    }

    /// <summary>A registered node on <paramref name="app"/> and one heartbeat of it, signed now and captured (not sent).</summary>
    private async Task<(Ed25519Identity Node, Captured Heartbeat)> NodeWithCapturedHeartbeatAsync(WebApplication app)
    {
        var node = Ed25519Identity.Generate();
        await new RegistryClient(app.GetTestClient(), new RequestSigner(node, _time)).RegisterNodeAsync(TestRegistry.Registration(node.Id, null), Ct);
        return (node, await CaptureHeartbeatAsync(node));
    }

    private async Task<Captured> CaptureHeartbeatAsync(Ed25519Identity node, string? registryKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"http://localhost/api/v1/nodes/{node.Id}/heartbeat"))
        {
            Content = JsonContent.Create(new Heartbeat(10, new NodeHealth(true, false, 5, [])), options: ContractJson.Options),
        };
        await new RequestSigner(node, _time).SignAsync(request, registryKey, Ct);
        return new Captured(request.RequestUri!, await request.Content!.ReadAsByteArrayAsync(Ct), [.. request.Headers]);
    }

    [Fact]
    public async Task Heartbeat_ReplayedAfterRestartOnSameStore_Refused()
    {
        var first = await StartAsync();
        var (node, heartbeat) = await NodeWithCapturedHeartbeatAsync(first);
        Assert.Equal(HttpStatusCode.NoContent, (await heartbeat.SendAsync(first)).StatusCode);
        await StopAsync(first);

        _time.Advance(TimeSpan.FromSeconds(5));
        var restarted = await StartAsync();
        var replay = await heartbeat.SendAsync(restarted);
        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
        Assert.Equal($"replayed request: nonce '{heartbeat.Nonce}' of key '{node.Id}' was used already", await DetailAsync(replay));
    }

    [Fact]
    public async Task MacHeartbeat_ReplayedAfterRestartOnSameStore_Refused()
    {
        var first = await StartAsync();
        var (node, _) = await NodeWithCapturedHeartbeatAsync(first);
        var heartbeat = await CaptureHeartbeatAsync(node, first.Services.GetRequiredService<Zos.Registry.Signing.RegistrySigningKey>().PublicKeyBase64);
        Assert.Contains(heartbeat.Headers, h => h.Key == RequestMac.MacHeader);
        Assert.Equal(HttpStatusCode.NoContent, (await heartbeat.SendAsync(first)).StatusCode);
        await StopAsync(first);

        _time.Advance(TimeSpan.FromSeconds(5));
        var restarted = await StartAsync();
        var replay = await heartbeat.SendAsync(restarted);
        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
        Assert.Equal($"replayed request: nonce '{heartbeat.Nonce}' of key '{node.Id}' was used already", await DetailAsync(replay));
    }

    [Fact]
    public async Task Nonces_AfterTheirWindow_SweptAndTableBounded()
    {
        var app = await StartAsync();
        var store = app.Services.GetRequiredService<IRegistryStore>();
        var guard = app.Services.GetRequiredService<IReplayGuard>();
        var keep = RequestSigning.MaxSkew * 2;
        for (var i = 0; i < 50; i++)
            Assert.True(await guard.TryRememberAsync("key", $"nonce-{i}", keep, Ct));
        Assert.False(await guard.TryRememberAsync("key", "nonce-7", keep, Ct));
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        Assert.False(await store.TryRecordNonceAsync(ReplayDigest.Bytes("key", "nonce-7"), now + 1, now, Ct));

        // Past the window the next signed write sweeps: nothing expired is left for an explicit sweep to find.
        _time.Advance(keep + TimeSpan.FromSeconds(1));
        Assert.True(await guard.TryRememberAsync("key", "later", keep, Ct));
        Assert.Equal(0, await store.SweepNoncesAsync(_time.GetUtcNow().ToUnixTimeMilliseconds(), Ct));
    }

    [Fact]
    public async Task Store_NonceRecordedUntilExpiry_ThenSweptOrReusable()
    {
        var app = await StartAsync();
        var store = app.Services.GetRequiredService<IRegistryStore>();
        var digest = ReplayDigest.Bytes("key", "n1");
        var other = ReplayDigest.Bytes("key", "n2");
        Assert.True(await store.TryRecordNonceAsync(digest, 120_000, 0, Ct));
        Assert.True(await store.TryRecordNonceAsync(other, 120_000, 0, Ct));
        Assert.False(await store.TryRecordNonceAsync(digest, 130_000, 10_000, Ct));
        Assert.Equal(0, await store.SweepNoncesAsync(60_000, Ct));
        // Expired but not swept yet: a use after the window is a first use again (its timestamp would be stale anyway).
        Assert.True(await store.TryRecordNonceAsync(digest, 241_000, 121_000, Ct));
        Assert.Equal(1, await store.SweepNoncesAsync(121_000, Ct));
        Assert.Equal(1, await store.SweepNoncesAsync(241_000, Ct));
    }

    private static async Task<string?> DetailAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString();

    /// <summary>A signed request's bytes and headers as an eavesdropper keeps them, sent again as often as wanted.</summary>
    private sealed record Captured(Uri Uri, byte[] Body, List<KeyValuePair<string, IEnumerable<string>>> Headers)
    {
        public string Nonce => Headers.Single(h => h.Key == RequestSigning.NonceHeader).Value.Single();

        public async Task<HttpResponseMessage> SendAsync(WebApplication app)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, Uri) { Content = new ByteArrayContent(Body) };
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            foreach (var h in Headers)
                request.Headers.TryAddWithoutValidation(h.Key, h.Value);
            return await app.GetTestClient().SendAsync(request, Ct);
        }
    }
}
