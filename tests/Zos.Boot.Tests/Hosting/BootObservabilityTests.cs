using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Xunit;
using Zos.Boot.Configuration;
using Zos.Boot.Hosting;
using Zos.Boot.Http;
using Zos.Boot.Tests.Qemu;
using Zos.Boot.Tftp;
using Zos.Core.Primitives;
using Zos.Protocols.Dhcp;
using Zos.Testing;

namespace Zos.Boot.Tests.Hosting;

/// <summary>
/// <c>/metrics</c> and <c>/healthz</c> of a running boot server (issue 17), on loopback: a node's boot traffic (a DHCP
/// DISCOVER, a TFTP loader, its iPXE script) shows in the counters a Prometheus scrape reads.
/// </summary>
public sealed class BootObservabilityTests : IAsyncLifetime
{
    private const string KnownMac = "02:00:00:00:51:01";
    private readonly string _root = Directory.CreateTempSubdirectory("zos-boot-metrics-").FullName;
    private BootServer _server = null!;
    private HttpClient _http = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await File.WriteAllBytesAsync(Path.Combine(_root, "undionly.kpxe"), new byte[3000], Ct);
        var config = BootConfigurationParser.Parse($"""
            farmId: 7
            profile: {"{"} runmode: test {"}"}
            dhcp: {"{"} subnet: 127.0.0.0/8, poolStart: 127.0.0.100, poolEnd: 127.0.0.150 {"}"}
            nodes:
              - {"{"} mac: "{KnownMac}" {"}"}
            """, "test", new BootServerDefaults { Kernel = "vmlinuz" });
        _server = new BootServer(new BootServerOptions
        {
            ConfigSource = new StaticBootConfigSource(config),
            Http = new BootHttpOptions { Urls = ["http://127.0.0.1:0"] },
            Tftp = new TftpServerOptions { Root = _root, Endpoint = new IPEndPoint(IPAddress.Loopback, 0) },
            Dhcp = new BootDhcpHosting { ServerAddress = IPAddress.Loopback, Port = 0 },
        });
        await _server.StartAsync(Ct);
        _http = new HttpClient { BaseAddress = _server.Http.Addresses[0] };
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task Metrics_OneNodesBootTraffic_CountedByProtocolAndStep()
    {
        Require.Tools("curl");
        await SendDiscoverAsync(MacAddress.Parse(KnownMac));
        var tftp = Sh.Run("curl", ["-sS", "-o", "/dev/null", $"tftp://127.0.0.1:{_server.Tftp!.LocalEndPoint.Port}/undionly.kpxe"], TimeSpan.FromSeconds(30));
        Assert.True(tftp.ExitCode == 0, tftp.StdErr);
        using (var script = await _http.GetAsync(new Uri($"/boot/{KnownMac}", UriKind.Relative), Ct))
            Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        using (var unknown = await _http.GetAsync(new Uri("/boot/02:00:00:00:51:99", UriKind.Relative), Ct))
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        var text = await _http.GetStringAsync(new Uri("/metrics", UriKind.Relative), Ct);

        Assert.Equal(1, Sample(text, "zos_boot_dhcp_received_total{type=\"discover\"}"));
        Assert.Equal(1, Sample(text, "zos_boot_dhcp_datagrams_total"));
        Assert.Equal(1, Sample(text, "zos_boot_tftp_transfers_total{outcome=\"completed\"}"));
        Assert.Equal(3000, Sample(text, "zos_boot_tftp_sent_bytes_total"));
        Assert.Equal(1, Sample(text, "zos_boot_steps_total{step=\"loader_fetched\"}"));
        Assert.Equal(1, Sample(text, "zos_boot_steps_total{step=\"script_fetched\"}"));
        Assert.Equal(1, Sample(text, "zos_boot_steps_total{step=\"script_refused\"}"));
        Assert.Equal(0, Sample(text, "zos_boot_steps_total{step=\"kernel_fetched\"}"));
        Assert.Equal(1, Sample(text, "zos_boot_configured_nodes"));
        Assert.NotNull(Sample(text, "zos_boot_dhcp_leases{status=\"offered\"}"));
        Assert.Contains("http_request_duration_seconds_count{code=\"200\",method=\"GET\",controller=\"\",action=\"\",endpoint=\"/boot/{mac}\"}", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Healthz_EveryListenerRuns_200NamingThem()
    {
        using var answer = await _http.GetAsync(new Uri("/healthz", UriKind.Relative), Ct);
        var body = await answer.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.StartsWith("ok\n", body, StringComparison.Ordinal);
        Assert.Contains($"tftp: listening on udp 127.0.0.1:{_server.Tftp!.LocalEndPoint.Port}", body, StringComparison.Ordinal);
        Assert.Contains("dhcp: listening on udp", body, StringComparison.Ordinal);
    }

    /// <summary>A DHCPDISCOVER as a PXE ROM sends it, to the server's loopback port.</summary>
    private async Task SendDiscoverAsync(MacAddress mac)
    {
        var message = new DhcpMessage { TransactionId = 7 };
        mac.WriteBytes(message.ClientHardwareAddress);
        message.Options.SetByte(DhcpOptionCode.MessageType, (byte)DhcpMessageType.Discover);
        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        await client.SendAsync(DhcpMessageWriter.Encode(message), new IPEndPoint(IPAddress.Loopback, _server.Dhcp!.LocalEndPoint.Port), Ct);
        // The server counts the datagram on its own thread; wait until it has (bounded).
        for (var i = 0; i < 100 && _server.Dhcp.Counters.Datagrams == 0; i++)
            await Task.Delay(20, Ct);
    }

    private static double? Sample(string exposition, string series) =>
        exposition.Split('\n').FirstOrDefault(l => l.StartsWith(series + " ", StringComparison.Ordinal)) is { } line
            ? double.Parse(line[(series.Length + 1)..].Split(' ')[0], CultureInfo.InvariantCulture)
            : null;
}
