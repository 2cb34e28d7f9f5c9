using System.Diagnostics;
using System.Text.Json;
using Xunit;
using Zos.Core.Contracts;
using Zos.Testing;
using Zos.Testing.Farm;

namespace Zos.Boot.Tests.Qemu;

/// <summary>
/// A farm LAN for VMs booted from media: namespace <see cref="Namespace"/> (zm-xxxx) with bridge br0 at
/// <see cref="Gateway"/>/24, dnsmasq as its DHCP server (router = the bridge), a real <c>zos registry serve</c> on the
/// bridge address inside the namespace, and an account with farm <see cref="FarmId"/> created with the CLI. The
/// node's connectivity check is a TCP connect to its registry, so a registry on the LAN is all the "Internet" it needs.
/// The registry is only reachable inside the namespace, so the CLI and the node queries run there (ip netns exec).
/// Everything (namespace, processes, temporary directory) is removed on dispose.
/// </summary>
public sealed class MediaFarmLan : IAsyncLifetime
{
    public const string Gateway = "10.77.0.1";
    private const int Port = 8081;

    private readonly List<Process> _processes = [];
    private readonly string _dir = Directory.CreateTempSubdirectory("zos-medialan-").FullName;
    private bool _namespaceCreated;

    public string Namespace { get; } = "zm-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(2));

    public string RegistryUrl => $"http://{Gateway}:{Port}";

    public uint FarmId { get; private set; }

    /// <summary>An enrollment token of <see cref="FarmId"/>, for the VMs' command lines.</summary>
    public string FarmToken { get; private set; } = "";

    /// <summary>
    /// The VMs' proof of a route out: the gateway's discard port, where nothing listens; its TCP reset answers. Without it
    /// a node would try the run mode's Internet targets, which this LAN does not reach.
    /// </summary>
    public static string ProbeArgument => $"zos-probe={Gateway}:9";

    /// <summary>Why the fixture could not be set up (root, tools or the built CLI missing), reported by each test through <see cref="Require"/>.</summary>
    public string? Missing { get; private set; }

    /// <summary>Where the registry's output goes, for failure messages.</summary>
    public string RegistryLog => Path.Combine(_dir, "registry.log");

    private static string ZosDll => Path.Combine(AppContext.BaseDirectory, "zos.dll");

    public async ValueTask InitializeAsync()
    {
        if (!Require.IsRoot)
        {
            Missing = "root privileges";
            return;
        }
        foreach (var tool in new[] { "ip", "dnsmasq", "curl", "qemu-system-x86_64", "dotnet" })
        {
            if (Sh.Which(tool) is null)
            {
                Missing = $"the program '{tool}' (scripts/install-deps.sh installs it)";
                return;
            }
        }
        if (!File.Exists(ZosDll))
        {
            Missing = $"the built CLI at {ZosDll}";
            return;
        }
        _namespaceCreated = true;
        Sh.Bash($"""
            set -e
            ip netns add {Namespace}
            ip -n {Namespace} link set lo up
            ip -n {Namespace} link add br0 type bridge
            ip -n {Namespace} addr add {Gateway}/24 dev br0
            ip -n {Namespace} link set br0 up
            """).EnsureSuccess($"create namespace {Namespace}");
        var dnsmasq = new DnsmasqCommand("br0", "10.77.0.100", "10.77.0.150", Path.Combine(_dir, "leases")) { Routers = [Gateway] };
        Start("dnsmasq", Path.Combine(_dir, "dnsmasq.log"), ["dnsmasq", .. dnsmasq.Arguments()]);
        Start("registry", RegistryLog, "dotnet", ZosDll, "registry", "serve", "--data", Path.Combine(_dir, "registry"), "--urls", RegistryUrl);
        await WaitForRegistryAsync();
        Zos("account", "create", "media-farmer");
        var farm = JsonSerializer.Deserialize<Farm>(Zos("farm", "create", "media-farm", "--runmode", "dev"), ContractJson.Options)
            ?? throw new InvalidOperationException("zos farm create printed no farm");
        FarmId = farm.Id;
        // The farmer's consent for the VMs (issue 14): their MACs are on no list, so they boot with the farm's token.
        var token = JsonSerializer.Deserialize<FarmTokenCreated>(Zos("farm", "token", "create", FarmId.ToString(System.Globalization.CultureInfo.InvariantCulture)), ContractJson.Options)
            ?? throw new InvalidOperationException("zos farm token create printed no token");
        FarmToken = token.Secret;
    }

    /// <summary>The registry's <c>GET /api/v1/nodes?farm=</c> for our farm, asked from inside the namespace.</summary>
    public IReadOnlyList<NodeView> Nodes()
    {
        var r = Sh.Run("ip", ["netns", "exec", Namespace, "curl", "-sf", "--max-time", "5", $"{RegistryUrl}/api/v1/nodes?farm={FarmId}"], TimeSpan.FromSeconds(20));
        return r.ExitCode == 0 ? JsonSerializer.Deserialize<List<NodeView>>(r.StdOut, ContractJson.Options) ?? [] : [];
    }

    /// <summary>Adds tap <paramref name="tap"/> to the bridge (removed with the namespace).</summary>
    public void AddTap(string tap) =>
        Sh.Bash($"set -e; ip -n {Namespace} tuntap add dev {tap} mode tap; ip -n {Namespace} link set {tap} master br0 up").EnsureSuccess($"tap {tap}");

    /// <summary>Runs the CLI inside the namespace against our registry, with our account's config directory; returns stdout.</summary>
    private string Zos(params string[] args)
    {
        var env = $"ZOS_CONFIG_DIR={Path.Combine(_dir, "config")}";
        var r = Sh.Run("ip", ["netns", "exec", Namespace, "env", env, $"ZOS_REGISTRY={RegistryUrl}", "dotnet", ZosDll, .. args], TimeSpan.FromSeconds(90));
        return r.EnsureSuccess($"zos {string.Join(' ', args)}").StdOut;
    }

    private void Start(string what, string log, params string[] command)
    {
        var psi = new ProcessStartInfo("bash") { UseShellExecute = false };
        psi.ArgumentList.Add("-c");
        // exec: the pid we kill is the program's own, inside the namespace.
        psi.ArgumentList.Add("exec ip netns exec \"$0\" \"$@\" >\"$ZM_LOG\" 2>&1");
        psi.ArgumentList.Add(Namespace);
        foreach (var a in command)
            psi.ArgumentList.Add(a);
        psi.Environment["ZM_LOG"] = log;
        _processes.Add(Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {what}"));
    }

    private async Task WaitForRegistryAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_processes.Any(p => p.HasExited))
                throw new InvalidOperationException($"dnsmasq or the registry exited; logs in {_dir}: {File.ReadAllText(RegistryLog)}");
            if (Sh.Run("ip", ["netns", "exec", Namespace, "curl", "-sf", "--max-time", "2", $"{RegistryUrl}/api/v1/farms"], TimeSpan.FromSeconds(10)).ExitCode == 0)
                return;
            await Task.Delay(250);
        }
        throw new TimeoutException($"zos registry serve did not answer on {RegistryUrl} in {Namespace} within 60 s; log {RegistryLog}");
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
                    await p.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);
                }
            }
            catch (Exception e) when (e is InvalidOperationException or OperationCanceledException)
            {
            }
            p.Dispose();
        }
        if (_namespaceCreated)
            Sh.Bash($"ip netns del {Namespace} 2>/dev/null; true");
        Directory.Delete(_dir, recursive: true);
    }
}
