using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Time.Testing;
using Zos.Client;
using Zos.Core.Contracts;

namespace Zos.Registry.Tests.Support;

/// <summary>The store a test registry runs on.</summary>
public enum StoreKind
{
    Sqlite,
    Postgres,
}

/// <summary>
/// An in-process registry on a TestServer (or on Kestrel at 127.0.0.1:0 for the browser tests) with a fake clock,
/// on SQLite in a temporary directory or on a fresh PostgreSQL schema. Disposing removes everything.
/// </summary>
public sealed class TestRegistry : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    private readonly string _dir;
    private readonly PostgresDatabase? _pg;

    private TestRegistry(WebApplication app, FakeTimeProvider time, string dir, PostgresDatabase? pg, RegistryOptions options)
    {
        App = app;
        Time = time;
        _dir = dir;
        _pg = pg;
        Options = options;
    }

    public WebApplication App { get; }

    public FakeTimeProvider Time { get; }

    public RegistryOptions Options { get; }

    /// <summary>The base URL when listening on a real port.</summary>
    public Uri? BaseUrl { get; private set; }

    public static async Task<TestRegistry> StartAsync(StoreKind kind, bool kestrel = false, Func<RegistryOptions, RegistryOptions>? tune = null)
    {
        var pg = kind == StoreKind.Postgres ? await PostgresDatabase.CreateAsync() : null;
        var dir = Path.Combine(Path.GetTempPath(), Zos.Testing.TestNames.New("reg"));
        var options = new RegistryOptions
        {
            DataDirectory = dir,
            PostgresConnectionString = pg?.ConnectionString,
            SharedPollInterval = TimeSpan.FromMilliseconds(100),
            Urls = kestrel ? "http://127.0.0.1:0" : null,
            // Tests use documentation ranges as public addresses, as labs do (the attack tests turn it off where it matters).
            AllowDocumentationRanges = true,
        };
        options = tune?.Invoke(options) ?? options;
        var time = new FakeTimeProvider(Start);
        var app = await RegistryApp.BuildAsync(options, time, b =>
        {
            if (!kestrel)
                b.WebHost.UseTestServer();
        });
        await app.StartAsync();
        var registry = new TestRegistry(app, time, dir, pg, options);
        if (kestrel)
            registry.BaseUrl = new Uri(app.Urls.First());
        return registry;
    }

    /// <summary>
    /// A second registry process's worth (its own app, store, caches and notifier) on the same store and clock, as
    /// when several registries serve one PostgreSQL grid. The caller disposes it.
    /// </summary>
    public async Task<WebApplication> StartPeerAsync()
    {
        var app = await RegistryApp.BuildAsync(Options, Time, b => b.WebHost.UseTestServer());
        await app.StartAsync();
        return app;
    }

    public HttpClient Http()
    {
        if (BaseUrl is { } url)
            return new HttpClient { BaseAddress = url };
        var client = App.GetTestClient();
        return client;
    }

    /// <summary>A client signing with <paramref name="identity"/> on the registry's clock (null: unsigned).</summary>
    public RegistryClient Client(Ed25519Identity? identity = null, TimeProvider? clock = null) =>
        new(Http(), identity is null ? null : new RequestSigner(identity, clock ?? Time));

    /// <summary>A new identity with an account named <paramref name="name"/>, and its client.</summary>
    public async Task<(Ed25519Identity Id, RegistryClient Client, Account Account)> AccountAsync(string name)
    {
        var id = Ed25519Identity.Generate();
        var client = Client(id);
        var account = await client.CreateAccountAsync(name);
        return (id, client, account);
    }

    // The enrollment token each farm of this registry let its test nodes in with (AllowNodesAsync).
    private readonly System.Collections.Concurrent.ConcurrentDictionary<uint, string> _farmTokens = new();

    /// <summary>
    /// The farmer (<paramref name="owner"/>) consents to the test's nodes: an enrollment token of the farm that
    /// <see cref="NodeAsync"/> and <see cref="ConsentedRegistration"/> then carry. Returns the token's secret.
    /// </summary>
    public async Task<string> AllowNodesAsync(RegistryClient owner, uint farmId)
    {
        var created = await owner.CreateFarmTokenAsync(farmId);
        _farmTokens[farmId] = created.Secret;
        return created.Secret;
    }

    /// <summary>A node identity registered into <paramref name="farmId"/> with one NIC (with the farm's token when <see cref="AllowNodesAsync"/> made one), and its client.</summary>
    public async Task<(Ed25519Identity Id, RegistryClient Client)> NodeAsync(uint? farmId, string address = "10.1.0.5/24")
    {
        var id = Ed25519Identity.Generate();
        var client = Client(id);
        await client.RegisterNodeAsync(ConsentedRegistration(id.Id, farmId, address));
        return (id, client);
    }

    /// <summary><see cref="Registration"/> carrying the farm's token from <see cref="AllowNodesAsync"/>, when there is one.</summary>
    public NodeRegistration ConsentedRegistration(string nodeId, uint? farmId, string address = "10.1.0.5/24") =>
        Registration(nodeId, farmId, address) with { FarmToken = farmId is { } f && _farmTokens.TryGetValue(f, out var t) ? t : null };

    /// <summary>A node's report of one network it deployed: its key, port 3000 and <paramref name="endpoints"/>, no handshakes or errors.</summary>
    public static NodeReport NetworkDeployed(string netId, string publicKey, params string[] endpoints) =>
        new(1, [new NetworkReport(netId, publicKey, 3000, endpoints, [], [])]);

    public static NodeRegistration Registration(string nodeId, uint? farmId, string address = "10.1.0.5/24") => new(
        nodeId, farmId,
        [new InterfaceInfo("eth0", "52:54:00:12:34:56", [address])],
        new NodeCapacity(4, 8L << 30, [new DiskInfo("sda", 500L << 30, "ssd"), new DiskInfo("sdb", 2000L << 30, "hdd")]),
        new NodeVersions("0.1.0", "6.1"),
        "eth0");

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        if (_pg is not null)
            await _pg.DisposeAsync();
        if (Directory.Exists(_dir))
            Directory.Delete(_dir, recursive: true);
    }
}
