using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Xunit;
using Zos.Testing;

namespace Zos.Packaging.Tests;

/// <summary>
/// The package's life on a machine (issue 17): <c>dpkg -i</c>, the units accepted by <c>systemd-analyze verify</c>,
/// the registry and the boot server started as their units' ExecStart lines run them (same user, capabilities,
/// environment files, paths; loopback ports), their /healthz and /metrics, a clean stop on SIGTERM, then
/// <c>dpkg --purge</c> leaving no file, directory or user of the package behind. Root only: this test owns the
/// package name zos on the machine, and purges a zos left installed before it starts.
/// </summary>
public sealed class InstalledPackageTests
{
    private const string RegistryUnit = "/lib/systemd/system/zos-registry.service";
    private const string BootUnit = "/lib/systemd/system/zos-boot.service";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task InstallRunPurge_ServicesAsTheirUnitsRunThem_HealthyAndNothingLeftBehind()
    {
        Require.Privileged("dpkg", "setpriv", "systemd-analyze", "getent");
        var deb = await ReleasePackage.DebAsync();
        if (Installed())
            Sh.Run("dpkg", ["--purge", "zos"], TimeSpan.FromMinutes(2)).EnsureSuccess("dpkg --purge zos (left installed before this test)");
        IReadOnlyList<string> files = [];
        try
        {
            Sh.Run("dpkg", ["-i", deb], TimeSpan.FromMinutes(3)).EnsureSuccess($"dpkg -i {deb}");
            files = Sh.Run("dpkg", "-L", "zos").EnsureSuccess("dpkg -L zos").StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Contains("/usr/bin/zos", files);
            // registry.env may hold the PostgreSQL password: readable by the services' group, not by everyone.
            Assert.Equal("640 root:zos", Sh.Run("stat", "-c", "%a %U:%G", "/etc/zos/registry.env").StdOut.Trim());

            VerifyUnits();
            await RunServicesAsync();
        }
        finally
        {
            var purge = Sh.Run("dpkg", ["--purge", "zos"], TimeSpan.FromMinutes(2));
            Assert.True(purge.ExitCode == 0, $"dpkg --purge zos: {purge.StdErr}");
        }

        Assert.False(Installed());
        // dpkg -L starts with "/." (the root every package shares).
        var left = files.Where(f => f != "/." && Path.Exists(f) && !OwnedByAnotherPackage(f)).ToList();
        Assert.True(left.Count == 0, "left behind by dpkg --purge: " + string.Join(", ", left));
        foreach (var data in (string[])["/var/lib/zos-registry", "/var/lib/zos-boot", "/var/cache/zos-registry", "/var/cache/zos-boot", "/etc/zos"])
            Assert.False(Path.Exists(data), $"{data} is left behind by dpkg --purge");
        Assert.NotEqual(0, Sh.Run("getent", "passwd", "zos").ExitCode);
        Assert.NotEqual(0, Sh.Run("getent", "group", "zos").ExitCode);
    }

    /// <summary>systemd-analyze verify accepts both units silently, and is shown to speak up about a broken copy.</summary>
    private static void VerifyUnits()
    {
        var verify = Sh.Run("systemd-analyze", ["verify", RegistryUnit, BootUnit], TimeSpan.FromMinutes(1));
        Assert.True(verify.ExitCode == 0 && verify.StdOut.Trim().Length == 0 && verify.StdErr.Trim().Length == 0,
            $"systemd-analyze verify ({verify.ExitCode}): {verify.StdOut}{verify.StdErr}");

        var dir = Directory.CreateTempSubdirectory("zos-unit-").FullName;
        try
        {
            var broken = Path.Combine(dir, "zos-broken.service");
            File.WriteAllText(broken, File.ReadAllText(RegistryUnit).Replace("ProtectSystem=", "ProtectSystme=", StringComparison.Ordinal));
            var control = Sh.Run("systemd-analyze", ["verify", broken], TimeSpan.FromMinutes(1));
            Assert.Contains("ProtectSystme", control.StdOut + control.StdErr, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }

        // Hardening as systemd scores it (0 best, 10 worst; 'OK' is below 5): a regression in the units shows here.
        foreach (var unit in (string[])[RegistryUnit, BootUnit])
        {
            var security = Sh.Run("systemd-analyze", ["security", "--offline=yes", unit], TimeSpan.FromMinutes(1));
            var overall = security.StdOut.Split('\n').Single(l => l.Contains("Overall exposure level", StringComparison.Ordinal));
            var score = double.Parse(overall.Split(':')[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            Assert.True(score < 5.0, $"{unit}: {overall.Trim()}");
        }
    }

    private static async Task RunServicesAsync()
    {
        var registryPort = FreePort(SocketType.Stream, ProtocolType.Tcp);
        var bootPort = FreePort(SocketType.Stream, ProtocolType.Tcp);
        var tftpPort = FreePort(SocketType.Dgram, ProtocolType.Udp);
        var registryUnit = SystemdUnit.Load(RegistryUnit);
        var bootUnit = SystemdUnit.Load(BootUnit);
        // The installed configuration, with loopback ports instead of the farm's (and the boot server's TFTP on lo).
        var bootOptions = SystemdUnit.ReadEnvironmentFile("/etc/zos/boot.env")["ZOS_BOOT_OPTIONS"]
            .Replace("http://0.0.0.0:8080", $"http://127.0.0.1:{bootPort}", StringComparison.Ordinal) + $" --interface lo --tftp-port {tftpPort}";
        using var registryNotify = new NotifySocket();
        using var bootNotify = new NotifySocket();
        using var registry = UnitProcess.Start(registryUnit, new Dictionary<string, string> { ["ZOS_REGISTRY_URLS"] = $"http://127.0.0.1:{registryPort}" }, registryNotify.Path);
        using var boot = UnitProcess.Start(bootUnit, new Dictionary<string, string> { ["ZOS_BOOT_OPTIONS"] = bootOptions }, bootNotify.Path);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var registryUrl = new Uri($"http://127.0.0.1:{registryPort}");
        var bootUrl = new Uri($"http://127.0.0.1:{bootPort}");

        // Type=notify: each tells systemd it is ready (else systemd would kill it at TimeoutStartSec), then answers.
        Assert.Equal("Type=notify", $"Type={registryUnit.Value("Type")}");
        Assert.Equal("Type=notify", $"Type={bootUnit.Value("Type")}");
        Assert.True(await registryNotify.WaitReadyAsync(StartTimeout) is not null, $"the registry sent no READY=1; output:\n{registry.Output}");
        Assert.True(await bootNotify.WaitReadyAsync(StartTimeout) is not null, $"the boot server sent no READY=1; output:\n{boot.Output}");
        var registryHealth = await WaitHealthyAsync(http, registryUrl, registry);
        var bootHealth = await WaitHealthyAsync(http, bootUrl, boot);

        Assert.Equal(["/usr/bin/zos", "registry", "serve", "--data", "/var/lib/zos-registry", "--urls", $"http://127.0.0.1:{registryPort}"], registry.Command);
        Assert.StartsWith("ok: the store (SQLite) answers", registryHealth, StringComparison.Ordinal);
        Assert.Contains($"tftp: listening on udp 127.0.0.1:{tftpPort}", bootHealth, StringComparison.Ordinal);
        Assert.Contains("configuration: 3 node(s)", bootHealth, StringComparison.Ordinal);
        var uid = Sh.Run("id", "-u", "zos").EnsureSuccess("id -u zos").StdOut.Trim();
        foreach (var service in (UnitProcess[])[registry, boot])
            Assert.Equal($"Uid:\t{uid}\t{uid}\t{uid}\t{uid}", service.RealAndEffectiveUid());
        Assert.Equal("zos:zos", Sh.Run("stat", "-c", "%U:%G", "/var/lib/zos-registry/registry.db").StdOut.Trim());

        var registryMetrics = await http.GetStringAsync(new Uri(registryUrl, "/metrics"), Ct);
        Assert.Contains("zos_registry_http_request_duration_seconds_count{route=\"/healthz\",method=\"GET\",code=\"200\"}", registryMetrics, StringComparison.Ordinal);
        Assert.Contains("\nzos_registry_heartbeats_total 0\n", registryMetrics, StringComparison.Ordinal);
        Assert.Contains("\nzos_registry_store_up 1\n", registryMetrics, StringComparison.Ordinal);
        using (var script = await http.GetAsync(new Uri(bootUrl, "/boot/52:54:00:10:00:01"), Ct))
            Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        var bootMetrics = await http.GetStringAsync(new Uri(bootUrl, "/metrics"), Ct);
        Assert.Contains("\nzos_boot_steps_total{step=\"script_fetched\"} 1\n", bootMetrics, StringComparison.Ordinal);
        Assert.Contains("\nzos_boot_configured_nodes 3\n", bootMetrics, StringComparison.Ordinal);
        Assert.Contains("\nzos_boot_tftp_requests_total 0\n", bootMetrics, StringComparison.Ordinal);

        // systemctl stop sends SIGTERM: both stop cleanly (exit 0), the lease file written.
        Assert.Equal(0, await registry.StopAsync(TimeSpan.FromSeconds(20)));
        Assert.Equal(0, await boot.StopAsync(TimeSpan.FromSeconds(20)));
    }

    private static async Task<string> WaitHealthyAsync(HttpClient http, Uri baseUrl, UnitProcess service)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        var last = "no answer";
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(service.HasExited, $"{string.Join(' ', service.Command)} exited:\n{service.Output}");
            try
            {
                using var answer = await http.GetAsync(new Uri(baseUrl, "/healthz"), Ct);
                last = $"{(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync(Ct)}";
                if (answer.StatusCode == HttpStatusCode.OK)
                    return await answer.Content.ReadAsStringAsync(Ct);
            }
            catch (HttpRequestException e)
            {
                last = e.Message;
            }
            await Task.Delay(250, Ct);
        }
        Assert.Fail($"{baseUrl}healthz not 200 within {StartTimeout.TotalSeconds} s (last: {last}); output:\n{service.Output}");
        return "";
    }

    private static bool Installed() =>
        Sh.Run("dpkg-query", "-W", "-f=${Status}", "zos") is { ExitCode: 0 } q && q.StdOut.Contains("installed", StringComparison.Ordinal)
        && !q.StdOut.Contains("not-installed", StringComparison.Ordinal);

    /// <summary>A directory such as /usr/bin that the package only shared.</summary>
    private static bool OwnedByAnotherPackage(string path) => Directory.Exists(path) && Sh.Run("dpkg-query", "-S", path).ExitCode == 0;

    private static int FreePort(SocketType type, ProtocolType protocol)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, type, protocol);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
