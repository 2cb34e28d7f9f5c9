using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Zos.Client;
using Zos.Core.Contracts;
using Zos.Registry;
using Zos.Registry.Accounts;
using Zos.Registry.Farms;
using Zos.Registry.Nodes;
using Zos.Testing.Farm;

namespace Zos.Node.Tests.Farm;

/// <summary>
/// The real registry (Zos.Registry on Kestrel, SQLite in the farm's work directory, real clock) served inside the
/// farm's "internet" namespace: Kestrel takes a listening socket made there (<see cref="NamespaceListener.ListenFd"/>),
/// so nodes reach it through the router's NAT like the real grid. One account owns one farm for the nodes to join.
/// The test reads what the registry stored through its services, as the API's GET endpoints do.
/// </summary>
internal sealed class FarmRegistry : IAsyncDisposable
{
    private readonly TestFarm _farm;
    private WebApplication _app;
    private int _listener;

    private FarmRegistry(TestFarm farm, int port, (WebApplication App, int Listener) started, RegistryOptions options)
    {
        _farm = farm;
        Port = port;
        (_app, _listener) = started;
        Options = options;
    }

    public int Port { get; }

    public RegistryOptions Options { get; }

    /// <summary>The farm the registry created for the test's nodes (use it as farmer_id).</summary>
    public uint FarmId { get; private set; }

    /// <summary>The farm's enrollment token the test's nodes boot with (<see cref="FarmArguments"/>): the farmer's consent.</summary>
    public string FarmToken { get; private set; } = "";

    /// <summary>The farm owner's key (base58), to sign the farmer's decisions through the services.</summary>
    public string OwnerId { get; private set; } = "";

    /// <summary>The kernel arguments of a node of the test's farm that the farmer let in: farmer_id= and zos-farm-token=.</summary>
    public string FarmArguments => $"farmer_id={FarmId} zos-farm-token={FarmToken}";

    public bool IsRunning { get; private set; }

    /// <summary>Starts the registry on [::]:<paramref name="port"/> in the internet namespace, with heartbeats every <paramref name="heartbeat"/>.</summary>
    public static async Task<FarmRegistry> StartAsync(TestFarm farm, int port, TimeSpan? heartbeat = null)
    {
        var options = new RegistryOptions
        {
            DataDirectory = Path.Combine(farm.WorkDir, "registry"),
            HeartbeatInterval = heartbeat ?? TimeSpan.FromSeconds(1),
            Cockpit = false,
        };
        var registry = new FarmRegistry(farm, port, await StartAppAsync(farm, port, options), options);
        registry.IsRunning = true;
        var owner = Ed25519Identity.Generate();
        await registry.Service<AccountService>().CreateAccountAsync(owner.Id, new AccountCreate("farmer", owner.Id), CancellationToken.None);
        registry.FarmId = (await registry.Service<FarmService>().CreateFarmAsync(owner.Id, new FarmCreate("testfarm"), CancellationToken.None)).Id;
        registry.FarmToken = (await registry.Service<EnrollmentTokens>().CreateAsync(owner.Id, registry.FarmId, CancellationToken.None)).Secret;
        registry.OwnerId = owner.Id;
        return registry;
    }

    /// <summary>
    /// Kestrel gets a copy of the listening fd; the test keeps the original so that stopping really closes the port
    /// (a listening socket left open would accept connections into its backlog and let requests hang, not fail).
    /// </summary>
    private static async Task<(WebApplication, int)> StartAppAsync(TestFarm farm, int port, RegistryOptions options)
    {
        var fd = NamespaceListener.ListenFd(farm.Internet, port);
        try
        {
            var forKestrel = NamespaceListener.Duplicate(fd);
            var app = await RegistryApp.BuildAsync(options, TimeProvider.System, b => b.WebHost.ConfigureKestrel(k => k.ListenHandle((ulong)forKestrel)));
            await app.StartAsync();
            return (app, fd);
        }
        catch
        {
            NamespaceListener.ShutdownAndClose(fd);
            throw;
        }
    }

    /// <summary>The farmer approves a node waiting for the test's farm (as `zos farm node approve` does).</summary>
    public Task<NodeView> ApproveAsync(string nodeId) => Service<FarmEnrollment>().ApproveAsync(OwnerId, FarmId, nodeId, CancellationToken.None);

    private T Service<T>() where T : notnull => _app.Services.GetRequiredService<T>();

    /// <summary>The node as the registry shows it, or null when it never registered.</summary>
    public async Task<NodeView?> NodeAsync(string nodeId)
    {
        var nodes = await Service<NodeService>().ListNodesAsync(null, null, orphans: false, CancellationToken.None);
        return nodes.FirstOrDefault(n => n.Id == nodeId);
    }

    /// <summary>Polls the node's view until <paramref name="condition"/> holds; fails naming <paramref name="what"/> and the last view.</summary>
    public async Task<NodeView> WaitForNodeAsync(string nodeId, Func<NodeView, bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        NodeView? last = null;
        while (DateTimeOffset.UtcNow < deadline)
        {
            last = await NodeAsync(nodeId);
            if (last is not null && condition(last))
                return last;
            await Task.Delay(100);
        }
        throw new TimeoutException($"the registry did not show {what} for node {nodeId} within {timeout.TotalSeconds} s; last view: {last?.ToString() ?? "not registered"}");
    }

    /// <summary>Stops serving (the port then refuses connections); the data stays for <see cref="RestartAsync"/>.</summary>
    public async Task StopAsync()
    {
        NamespaceListener.ShutdownAndClose(_listener);
        await _app.StopAsync();
        await _app.DisposeAsync();
        IsRunning = false;
    }

    /// <summary>Serves again on the same port and data.</summary>
    public async Task RestartAsync()
    {
        (_app, _listener) = await StartAppAsync(_farm, Port, Options);
        IsRunning = true;
    }

    public async ValueTask DisposeAsync()
    {
        if (IsRunning)
            await StopAsync();
    }
}
