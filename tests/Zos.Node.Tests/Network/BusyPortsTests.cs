using System.Diagnostics;
using Xunit;
using Zos.Core.Contracts;
using Zos.Core.Naming;
using Zos.Core.Reconcile;
using Zos.Node.Network;
using Zos.Testing;

namespace Zos.Node.Tests.Network;

/// <summary>
/// The WireGuard port allocator sees the ports other programs hold on the node: with a fake kernel, and for real with
/// another process holding the port a new network would get (privileged; namespaces made by the test).
/// </summary>
public sealed class BusyPortsTests : IAsyncDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("zos-busy-").FullName;
    private readonly string _owner = TestNames.New("own");
    private ScratchNetworkNode? _node;
    private Process? _holder;

    private NetworkPart Part(string name, int port) => new(NetId.Derive(_owner, name).Value, name, "10.20.0.0/16", "10.20.3.0/24", port, []);

    [Fact]
    public async Task Reconcile_FirstPortHeldByAnotherProgram_PicksTheNextAndPersistsIt()
    {
        var kernel = new FakeNetworkKernel();
        kernel.Busy.Add(NodeStateAllocator.FirstPort);
        var store = new NodeStateStore(Path.Combine(_dir, "network.json"));
        var pass = new ReconcilePass(store, kernel, ["127.0.0.1"]);

        var result = await pass.ReconcileAsync(new DesiredState("node", 1, 1, null, [Part("net", 0)]), TestContext.Current.CancellationToken);

        var report = Assert.Single(result.Report.Networks);
        Assert.Equal(NodeStateAllocator.FirstPort + 1, report.ListenPort);
        Assert.Equal(NodeStateAllocator.FirstPort + 1, Assert.Single(store.Load().Networks).ListenPort);
    }

    [Fact]
    public async Task Reconcile_RegistrysPortHeldByAnotherProgram_PicksAFreeOne()
    {
        var kernel = new FakeNetworkKernel();
        kernel.Busy.Add(7001);
        var pass = new ReconcilePass(new NodeStateStore(Path.Combine(_dir, "network.json")), kernel, ["127.0.0.1"]);

        var result = await pass.ReconcileAsync(new DesiredState("node", 1, 1, null, [Part("net", 7001)]), TestContext.Current.CancellationToken);

        Assert.Equal(NodeStateAllocator.FirstPort, Assert.Single(result.Report.Networks).ListenPort);
    }

    [Fact]
    public async Task Reconcile_RealKernel_PortHeldByAnotherProcess_DaemonPicksAnotherAndReportsIt()
    {
        Require.Privileged("ip", "wireguard-go", "nc", "ss");
        _node = new ScratchNetworkNode("b");
        var pass = _node.CreatePass();
        _node.Owns("n-" + Part("net", 0).NetId);
        _holder = Process.Start(new ProcessStartInfo("ip", ["netns", "exec", _node.Host, "nc", "-u", "-l", NodeStateAllocator.FirstPort.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!Sh.Run("ip", "netns", "exec", _node.Host, "ss", "-Hnul").StdOut.Contains($":{NodeStateAllocator.FirstPort} ", StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, "nc did not bind the port within 10 s");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        var result = await pass.ReconcileAsync(new DesiredState("node", 1, 1, null, [Part("net", 0)]), TestContext.Current.CancellationToken);

        Assert.Null(result.Report.Errors);
        var report = Assert.Single(result.Report.Networks);
        Assert.Empty(report.Errors);
        Assert.Equal(NodeStateAllocator.FirstPort + 1, report.ListenPort);
        Assert.Equal([$"127.0.0.1:{NodeStateAllocator.FirstPort + 1}"], report.Endpoints);
        // The device really holds the port it reported, and the other program still holds its own.
        var sockets = Sh.Run("ip", "netns", "exec", _node.Host, "ss", "-Hnulp").StdOut;
        Assert.Contains($":{NodeStateAllocator.FirstPort + 1} ", sockets, StringComparison.Ordinal);
        Assert.Contains("\"nc\"", sockets, StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        if (_holder is { HasExited: false })
        {
            _holder.Kill(entireProcessTree: true);
            await _holder.WaitForExitAsync();
        }
        _holder?.Dispose();
        if (_node is not null)
            await _node.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }
}
