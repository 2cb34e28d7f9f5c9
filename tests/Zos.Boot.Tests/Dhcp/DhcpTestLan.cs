using System.Diagnostics;
using System.Net;
using Zos.Boot.Dhcp;
using Zos.Core.Primitives;
using Zos.Protocols.Dhcp.Server;
using Zos.Testing;

namespace Zos.Boot.Tests.Dhcp;

/// <summary>
/// A switch for DHCP tests: a server namespace holding a bridge with 10.77.0.1/24, and client namespaces each plugged
/// in by a veth pair. Our server runs in the test process with its sockets opened inside the server namespace.
/// Everything is removed in <see cref="DisposeAsync"/>, processes first.
/// </summary>
internal sealed class DhcpTestLan : IAsyncDisposable
{
    public static readonly IPAddress ServerAddress = IPAddress.Parse("10.77.0.1");

    private readonly List<string> _namespaces = [];
    private readonly List<Process> _processes = [];

    public DhcpTestLan()
    {
        ServerNamespace = TestNames.New("dsrv");
        Bridge = TestNames.New("br");
        Directory = System.IO.Directory.CreateTempSubdirectory("zos-dhcp-").FullName;
        Run("ip", "netns", "add", ServerNamespace);
        _namespaces.Add(ServerNamespace);
        Run("ip", "-n", ServerNamespace, "link", "set", "lo", "up");
        Run("ip", "-n", ServerNamespace, "link", "add", Bridge, "type", "bridge");
        Run("ip", "-n", ServerNamespace, "addr", "add", "10.77.0.1/24", "dev", Bridge);
        Run("ip", "-n", ServerNamespace, "link", "set", Bridge, "up");
    }

    public string ServerNamespace { get; }

    public string Bridge { get; }

    public string Directory { get; }

    public DhcpServer? Server { get; private set; }

    /// <summary>A client namespace with interface "nic0" of the given MAC, plugged into the bridge.</summary>
    public string AddClient(MacAddress mac)
    {
        var ns = TestNames.New("dcl");
        var port = TestNames.New("p");
        Run("ip", "netns", "add", ns);
        _namespaces.Add(ns);
        Run("ip", "-n", ns, "link", "set", "lo", "up");
        Run("ip", "link", "add", "nic0", "netns", ns, "address", mac.ToString(), "type", "veth", "peer", "name", port, "netns", ServerNamespace);
        Run("ip", "-n", ServerNamespace, "link", "set", port, "master", Bridge, "up");
        Run("ip", "-n", ns, "link", "set", "nic0", "up");
        return ns;
    }

    /// <summary>A tap device on the bridge, created before qemu opens it (no race with the ROM's first DISCOVER).</summary>
    public string AddTap()
    {
        var tap = TestNames.New("tap");
        Run("ip", "-n", ServerNamespace, "tuntap", "add", "dev", tap, "mode", "tap");
        Run("ip", "-n", ServerNamespace, "link", "set", tap, "master", Bridge, "up");
        return tap;
    }

    public DhcpServer StartServer(Func<DhcpServerOptions, DhcpServerOptions> configure)
    {
        var options = configure(new DhcpServerOptions
        {
            Config = new DhcpServerConfig { ServerAddress = ServerAddress },
            Interface = Bridge,
            NetworkNamespace = ServerNamespace,
            LeaseFile = Path.Combine(Directory, "leases.json"),
            LeaseFlushInterval = TimeSpan.FromMilliseconds(200),
        });
        Server = new DhcpServer(options);
        Server.Start();
        return Server;
    }

    /// <summary>Starts a long-running client (killed on dispose); output goes to the returned log file.</summary>
    public Process Spawn(string ns, string program, params string[] args) => Spawn(ns, program, args, null);

    /// <summary>As <see cref="Spawn(string, string, string[])"/>, handing each output line to <paramref name="onLine"/>.</summary>
    public Process Spawn(string ns, string program, string[] args, Action<string>? onLine)
    {
        var psi = new ProcessStartInfo("ip") { UseShellExecute = false, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "netns", "exec", ns, program }.Concat(args))
            psi.ArgumentList.Add(a);
        var p = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {program}");
        p.OutputDataReceived += (_, e) => { if (e.Data is not null) onLine?.Invoke(e.Data); };
        p.ErrorDataReceived += (_, e) => { if (e.Data is not null) onLine?.Invoke(e.Data); };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        _processes.Add(p);
        return p;
    }

    /// <summary>A script that logs each event and configures the address (renewals are unicast from it).</summary>
    public string WriteScript(string name, string body)
    {
        var path = Path.Combine(Directory, name);
        File.WriteAllText(path, "#!/bin/sh\n" + body);
        Sh.Run("chmod", "700", path).EnsureSuccess("chmod");
        return path;
    }

    public static async Task<bool> WaitForAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (condition())
                return true;
            await Task.Delay(100);
        }
        return condition();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var p in _processes)
        {
            try
            {
                if (!p.HasExited)
                {
                    p.Kill(entireProcessTree: true);
                    await p.WaitForExitAsync();
                }
            }
            catch (InvalidOperationException)
            {
            }
            p.Dispose();
        }
        if (Server is not null)
            await Server.DisposeAsync();
        foreach (var ns in _namespaces)
            Sh.Run("ip", "netns", "del", ns);
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    private static void Run(string program, params string[] args) => Sh.Run(program, args).EnsureSuccess($"{program} {string.Join(' ', args)}");
}
