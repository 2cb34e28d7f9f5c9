using Zos.Node.Network;
using Zos.Testing;

namespace Zos.Node.Tests.Network;

/// <summary>
/// A node for real reconcile passes: the "host" is a namespace the test makes, ndmz and public are renamed test
/// namespaces, the state and the wireguard-go sockets live in a scratch directory. Everything it made, and the
/// network-resource namespaces the test names, is removed on dispose.
/// </summary>
internal sealed class ScratchNetworkNode(string prefix) : IAsyncDisposable
{
    private readonly List<string> _resourceNamespaces = [];
    private NetworkKernel? _kernel;

    public string Host { get; } = TestNames.New(prefix + "h");

    public string Ndmz { get; } = TestNames.New(prefix + "d");

    public string Directory { get; } = Path.Combine(Path.GetTempPath(), TestNames.New(prefix + "st"));

    public string StateFile => Path.Combine(Directory, "network-state.json");

    /// <summary>Creates the host namespace and a reconcile pass over it (once per test).</summary>
    public ReconcilePass CreatePass()
    {
        Sh.Run("ip", "netns", "add", Host).EnsureSuccess("setup");
        Sh.Run("ip", "-n", Host, "link", "set", "lo", "up").EnsureSuccess("setup");
        _kernel = new NetworkKernel(new NetworkKernelOptions
        {
            HostNamespace = Host,
            NdmzNamespace = Ndmz,
            PublicNamespace = TestNames.New(prefix + "p"),
            WireGuardRuntimeDirectory = Path.Combine(Directory, "wg"),
        });
        return new ReconcilePass(new NodeStateStore(StateFile), _kernel, ["127.0.0.1"]);
    }

    /// <summary>A network resource's namespace to remove on dispose.</summary>
    public void Owns(string resourceNamespace) => _resourceNamespaces.Add(resourceNamespace);

    public async ValueTask DisposeAsync()
    {
        if (_kernel is not null)
            await _kernel.DisposeAsync();
        foreach (var ns in _resourceNamespaces.Append(Ndmz).Append(Host))
            Sh.Run("ip", "netns", "del", ns);
        if (System.IO.Directory.Exists(Directory))
            System.IO.Directory.Delete(Directory, recursive: true);
    }
}
