using System.Text;
using Prometheus;
using Zos.Boot.Dhcp;
using Zos.Boot.Tftp;
using Zos.Protocols.Dhcp;
using Zos.Protocols.Dhcp.Server;

namespace Zos.Boot.Hosting;

/// <summary>
/// The boot server's Prometheus metrics, in a collector registry of its own: boot steps as they happen, and the DHCP
/// and TFTP servers' own counters and the DHCP leases read when <c>/metrics</c> is scraped (the packet paths only
/// keep their existing counters). HTTP requests are counted by prometheus-net's middleware (<see cref="BootObservability"/>).
/// </summary>
public sealed class BootMetrics
{
    private readonly BootServer _server;
    private readonly TimeProvider _time;
    private readonly Counter _steps;
    private readonly Dictionary<BootStep, Counter.Child> _stepSeries = [];
    private readonly Gauge _nodes;
    private readonly Counter _dhcpDatagrams;
    private readonly Counter _dhcpReceived;
    private readonly Counter _dhcpReplied;
    private readonly Counter _dhcpDropped;
    private readonly Counter _dhcpSendErrors;
    private readonly Gauge _dhcpLeases;
    private readonly Counter _tftpRequests;
    private readonly Counter _tftpTransfers;
    private readonly Counter _tftpRefused;
    private readonly Counter _tftpRetransmissions;
    private readonly Counter _tftpBytes;
    private readonly Gauge _tftpActive;

    public BootMetrics(BootServer server, TimeProvider time)
    {
        _server = server;
        _time = time;
        Registry = Metrics.NewCustomRegistry();
        DotNetStats.Register(Registry);
        Factory = Metrics.WithCustomRegistry(Registry);
        _steps = Factory.CreateCounter("zos_boot_steps_total", "Boot steps seen (dhcp_seen, loader_fetched, script_fetched, kernel_fetched, and refusals)", ["step"]);
        _nodes = Factory.CreateGauge("zos_boot_configured_nodes", "Nodes (MACs) in the boot configuration served now");
        _dhcpDatagrams = Factory.CreateCounter("zos_boot_dhcp_datagrams_total", "UDP datagrams received by the DHCP server");
        _dhcpReceived = Factory.CreateCounter("zos_boot_dhcp_received_total", "DHCP messages received, by message type", ["type"]);
        _dhcpReplied = Factory.CreateCounter("zos_boot_dhcp_replied_total", "DHCP replies sent, by message type", ["type"]);
        _dhcpDropped = Factory.CreateCounter("zos_boot_dhcp_dropped_total", "DHCP messages not answered, by reason", ["reason"]);
        _dhcpSendErrors = Factory.CreateCounter("zos_boot_dhcp_send_errors_total", "DHCP replies the socket refused to send");
        _dhcpLeases = Factory.CreateGauge("zos_boot_dhcp_leases", "Unexpired DHCP leases, by status", ["status"]);
        _tftpRequests = Factory.CreateCounter("zos_boot_tftp_requests_total", "TFTP read requests received");
        _tftpTransfers = Factory.CreateCounter("zos_boot_tftp_transfers_total", "TFTP transfers by outcome (started, completed, failed)", ["outcome"]);
        _tftpRefused = Factory.CreateCounter("zos_boot_tftp_refused_total", "TFTP packets and requests refused, by reason", ["reason"]);
        _tftpRetransmissions = Factory.CreateCounter("zos_boot_tftp_retransmissions_total", "TFTP blocks sent again after a timeout");
        _tftpBytes = Factory.CreateCounter("zos_boot_tftp_sent_bytes_total", "File bytes sent over TFTP");
        _tftpActive = Factory.CreateGauge("zos_boot_tftp_active_transfers", "TFTP transfers running now");
        // Every step exported from the start (at 0), and the series looked up once: a boot step costs one increment.
        foreach (var step in Enum.GetValues<BootStep>())
        {
            _stepSeries[step] = _steps.WithLabels(Label(step));
            _stepSeries[step].IncTo(0);
        }
        server.Events.Recorded += e => _stepSeries[e.Step].Inc();
        Registry.AddBeforeCollectCallback(Collect);
    }

    public CollectorRegistry Registry { get; }

    /// <summary>Creates metrics in <see cref="Registry"/> (prometheus-net's HTTP middleware uses it).</summary>
    public IMetricFactory Factory { get; }

    private void Collect()
    {
        if (_server.LoadedConfiguration is { } configuration)
            _nodes.Set(configuration.Nodes.Count);
        if (_server.Dhcp is { } dhcp)
            CollectDhcp(dhcp);
        if (_server.Tftp is { } tftp)
            CollectTftp(tftp.Counters, tftp.ActiveTransfers);
    }

    private void CollectDhcp(DhcpServer dhcp)
    {
        var counters = dhcp.Counters;
        _dhcpDatagrams.IncTo(counters.Datagrams);
        _dhcpSendErrors.IncTo(counters.SendErrors);
        foreach (var type in Enum.GetValues<DhcpMessageType>())
        {
            _dhcpReceived.WithLabels(Label(type)).IncTo(counters.Received(type));
            _dhcpReplied.WithLabels(Label(type)).IncTo(counters.Replied(type));
        }
        foreach (var reason in Enum.GetValues<DhcpDropReason>())
        {
            if (reason != DhcpDropReason.None)
                _dhcpDropped.WithLabels(Label(reason)).IncTo(counters.Dropped(reason));
        }
        var now = _time.GetUtcNow();
        var active = dhcp.Leases().Where(l => l.IsActive(now)).ToList();
        foreach (var status in Enum.GetValues<DhcpLeaseStatus>())
            _dhcpLeases.WithLabels(Label(status)).Set(active.Count(l => l.Status == status));
    }

    private void CollectTftp(TftpCounters counters, int active)
    {
        _tftpRequests.IncTo(counters.Requests);
        _tftpTransfers.WithLabels("started").IncTo(counters.TransfersStarted);
        _tftpTransfers.WithLabels("completed").IncTo(counters.TransfersCompleted);
        _tftpTransfers.WithLabels("failed").IncTo(counters.TransfersFailed);
        _tftpRefused.WithLabels("malformed").IncTo(counters.Malformed);
        _tftpRefused.WithLabels("unexpected").IncTo(counters.Unexpected);
        _tftpRefused.WithLabels("write_request").IncTo(counters.WriteRejected);
        _tftpRefused.WithLabels("access_denied").IncTo(counters.AccessDenied);
        _tftpRefused.WithLabels("not_found").IncTo(counters.NotFound);
        _tftpRefused.WithLabels("busy").IncTo(counters.Busy);
        _tftpRetransmissions.IncTo(counters.Retransmissions);
        _tftpBytes.IncTo(counters.BytesSent);
        _tftpActive.Set(active);
    }

    /// <summary>An enum member as a Prometheus label value: <c>UnknownClient</c> → <c>unknown_client</c>.</summary>
    internal static string Label<T>(T value) where T : struct, Enum
    {
        var name = value.ToString();
        var text = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
                text.Append('_');
            text.Append(char.ToLowerInvariant(name[i]));
        }
        return text.ToString();
    }
}
