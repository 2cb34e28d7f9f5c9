using System.Text.Json;
using Zos.Testing.Farm;

namespace Zos.Node.Tests.Farm;

/// <summary>
/// The arrangement most daemon tests share: a farm whose node has eth0 on LAN 1 (10.61.0.0/24), the real registry
/// in the internet namespace and the node daemon, not started yet. Disposed in reverse order of creation.
/// </summary>
internal sealed class OneLanDaemon : IAsyncDisposable
{
    private OneLanDaemon(TestFarm farm, FarmLan lan, FarmRegistry registry, NodeDaemonProcess daemon)
    {
        Farm = farm;
        Lan = lan;
        Registry = registry;
        Daemon = daemon;
    }

    public TestFarm Farm { get; }

    public FarmLan Lan { get; }

    public FarmRegistry Registry { get; }

    public NodeDaemonProcess Daemon { get; }

    /// <param name="startDhcp">Whether LAN 1's DHCP server runs from the start (routers as <see cref="FarmLan.StartDhcp"/>).</param>
    /// <param name="arrange">More NICs or a half-done setup in the node namespace, before the daemon exists.</param>
    /// <param name="farmer">The farmer parameter of the kernel command line; the registry's farm when null.</param>
    public static async Task<OneLanDaemon> CreateAsync(bool startDhcp = true, string[]? routers = null, Action<TestFarm>? arrange = null,
        string? farmer = null, string cmdlineExtra = "", int heartbeatSeconds = 1)
    {
        var farm = TestFarm.Create();
        FarmRegistry? registry = null;
        try
        {
            var lan = farm.AddLan(1);
            farm.AddNic("eth0", lan);
            arrange?.Invoke(farm);
            if (startDhcp)
                lan.StartDhcp(routers ?? []);
            registry = await FarmRegistry.StartAsync(farm, farm.NextPort());
            var daemon = new NodeDaemonProcess(farm, Cmdline(registry, farmer, cmdlineExtra), Config(heartbeatSeconds));
            return new OneLanDaemon(farm, lan, registry, daemon);
        }
        catch
        {
            if (registry is not null)
                await registry.DisposeAsync();
            farm.Dispose();
            throw;
        }
    }

    /// <summary>The daemon's node config for tests: veth NICs count as physical, short backoff and timeouts.</summary>
    public static string Config(int heartbeatSeconds = 1) => JsonSerializer.Serialize(new
    {
        physicalKinds = new[] { "veth" },
        heartbeatIntervalSeconds = heartbeatSeconds,
        backoffInitialSeconds = 0.5,
        backoffMaxSeconds = 3,
        connectTimeoutSeconds = 1,
    });

    public static string Cmdline(FarmRegistry registry, string? farmer = null, string extra = "") =>
        $"{farmer ?? registry.FarmArguments} runmode=dev zos-registry=http://{TestFarm.InternetAddress4}:{registry.Port} {ProbeTargets}{extra}\n";

    /// <summary>
    /// The farm's "Internet": the internet namespace's addresses on the discard port, where nothing listens. Its TCP
    /// reset proves the route out, as a real node's probe of an anycast resolver would; nothing leaves the test's namespaces.
    /// </summary>
    public static string ProbeTargets => $"zos-probe={TestFarm.InternetAddress4}:9,[{TestFarm.InternetAddress6}]:9";

    /// <summary>A second daemon process on the same node, state and config (a restart after <see cref="NodeDaemonProcess.KillHard"/>).</summary>
    public NodeDaemonProcess NewDaemon() => new(Farm, Cmdline(Registry), Config());

    /// <summary>The first IPv4 address on zos, with its prefix length ("10.61.0.23/24").</summary>
    public string ZosAddress4() => Farm.NodeIp("-4", "-o", "addr", "show", "dev", "zos").Split(' ', StringSplitOptions.RemoveEmptyEntries)[3];

    /// <summary>One link of the node namespace as iproute2 prints it in JSON.</summary>
    public JsonElement Link(string name) => JsonDocument.Parse(Farm.NodeIp("-j", "link", "show", name)).RootElement[0];

    public async ValueTask DisposeAsync()
    {
        Daemon.Dispose();
        await Registry.DisposeAsync();
        Farm.Dispose();
    }
}
