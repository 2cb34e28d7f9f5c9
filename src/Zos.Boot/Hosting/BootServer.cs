using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using System.Net;
using Zos.Boot.Configuration;
using Zos.Boot.Dhcp;
using Zos.Core.Primitives;
using Zos.Protocols.Dhcp.Server;
using Zos.Boot.Http;
using Zos.Boot.Tftp;

namespace Zos.Boot.Hosting;

/// <summary>
/// The boot server as one unit: loads the farm's boot configuration, then runs TFTP (loaders) and HTTP (per-MAC
/// scripts, kernels, boot events), feeding every step into one <see cref="BootEventLog"/>.
/// </summary>
public sealed class BootServer : IAsyncDisposable
{
    private readonly BootServerOptions _options;
    private readonly ILoggerFactory _loggers;
    private readonly TimeProvider _time;
    private BootConfiguration? _configuration;
    private TftpServer? _tftp;
    private BootHttpServer? _http;
    private DhcpServer? _dhcp;
    private CancellationTokenSource? _leaseWatch;
    private Task? _leaseWatcher;

    public BootServer(BootServerOptions options, TimeProvider? time = null, ILoggerFactory? loggers = null)
    {
        _options = options;
        _loggers = loggers ?? NullLoggerFactory.Instance;
        _time = time ?? TimeProvider.System;
        Events = new BootEventLog(_time);
        Metrics = new BootMetrics(this, _time);
    }

    public BootEventLog Events { get; }

    /// <summary>What <c>/metrics</c> of the HTTP side exports.</summary>
    public BootMetrics Metrics { get; }

    /// <summary>The configuration served, null before start.</summary>
    internal BootConfiguration? LoadedConfiguration => _configuration;

    public BootConfiguration Configuration => _configuration ?? throw new InvalidOperationException("the boot server is not started");

    public TftpServer? Tftp => _tftp;

    public DhcpServer? Dhcp => _dhcp;

    public BootHttpServer Http => _http ?? throw new InvalidOperationException("the boot server is not started");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _configuration = await _options.ConfigSource.LoadAsync(cancellationToken);
        try
        {
            if (_options.Tftp is not null)
            {
                _tftp = new TftpServer(_options.Tftp, logger: _loggers.CreateLogger<TftpServer>());
                _tftp.FileRequested += request => Events.Record(
                    request.Served ? BootStep.LoaderFetched : BootStep.LoaderRefused, null, request.Client.Address,
                    request.Served ? request.FileName : $"{request.FileName}: {request.Refusal}");
                _tftp.Start();
            }
            _http = new BootHttpServer(_options.Http, () => Configuration, Events, extend: app => BootObservability.Attach(app, this, Metrics));
            await _http.StartAsync(cancellationToken);
            if (_options.Dhcp is { } dhcp)
            {
                _dhcp = new DhcpServer(DhcpOptions(dhcp, Configuration, _options.Mode, _http.Addresses[0].Port), logger: _loggers.CreateLogger<DhcpServer>());
                // A machine not on the farm's list gets no answer; one step per MAC lets the Cockpit show it booting.
                var refused = new HashSet<MacAddress>();
                _dhcp.Exchanged += e =>
                {
                    if (e.DropReason != Zos.Protocols.Dhcp.Server.DhcpDropReason.UnknownClient || e.Client is not { } mac)
                        return;
                    lock (refused)
                    {
                        if (!refused.Add(mac))
                            return;
                    }
                    Events.Record(BootStep.DhcpSeen, mac, null, "not on the farm's MAC list: no address, no script");
                };
                _dhcp.Start();
                _leaseWatch = new CancellationTokenSource();
                _leaseWatcher = WatchLeasesAsync(_dhcp, _leaseWatch.Token);
            }
        }
        catch
        {
            await StopAsync();
            throw;
        }
    }

    /// <summary>Reloads the configuration from its source; the servers use the new one from the next request on.</summary>
    public async Task ReloadAsync(CancellationToken cancellationToken) =>
        _configuration = await _options.ConfigSource.LoadAsync(cancellationToken);

    /// <summary>What <c>/healthz</c> answers: every listener asked for runs, and the configuration is loaded.</summary>
    public BootHealth Health() => BootHealth.Judge(_configuration is not null, _configuration?.Nodes.Count ?? 0,
        _options.Tftp is not null, Listening(() => _tftp?.LocalEndPoint), _options.Dhcp is not null, Listening(() => _dhcp?.LocalEndPoint));

    // A server being stopped has closed its socket a moment before the field is cleared.
    private static string? Listening(Func<IPEndPoint?> endpoint)
    {
        try
        {
            return endpoint()?.ToString();
        }
        catch (ObjectDisposedException)
        {
            return null;
        }
    }

    public async Task StopAsync()
    {
        if (_leaseWatch is not null)
        {
            await _leaseWatch.CancelAsync();
            await _leaseWatcher!;
            _leaseWatch.Dispose();
            _leaseWatch = null;
        }
        if (_dhcp is not null)
            await _dhcp.DisposeAsync();
        _dhcp = null;
        if (_http is not null)
            await _http.DisposeAsync();
        if (_tftp is not null)
            await _tftp.DisposeAsync();
        _http = null;
        _tftp = null;
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    /// <summary>
    /// The DHCP server's options from the farm's boot configuration: nodes with a management IP are reservations,
    /// the others known clients served from the pool; iPXE clients get the per-MAC script URL of our HTTP server.
    /// </summary>
    public static DhcpServerOptions DhcpOptions(BootDhcpHosting hosting, BootConfiguration configuration, BootServerMode mode, int httpPort)
    {
        var subnets = configuration.Dhcp is { } d
            ? new[] { new DhcpSubnet(d.Subnet, d.PoolStart, d.PoolEnd, d.Router, d.Dns, d.Domain, d.LeaseTime) }
            : [];
        var options = new DhcpServerOptions
        {
            Config = new DhcpServerConfig
            {
                ServerAddress = hosting.ServerAddress,
                Mode = mode == BootServerMode.Proxy ? DhcpServerMode.Proxy : DhcpServerMode.Full,
                Subnets = subnets,
                Reservations = configuration.Nodes.Where(n => n.ManagementIp is not null)
                    .ToDictionary(n => n.Mac, n => new DhcpReservation(n.ManagementIp!, n.Name)),
                KnownClients = configuration.Nodes.Where(n => n.ManagementIp is null).Select(n => n.Mac).ToHashSet(),
                UnknownClients = configuration.UnknownMacs == UnknownMacPolicy.Orphan ? UnknownClientPolicy.ServeAsOrphan : UnknownClientPolicy.Ignore,
                Boot = new PxeBootFiles(IpxeScriptBaseUrl: hosting.ScriptBaseUrl ?? $"http://{hosting.ServerAddress}:{httpPort}/boot/"),
                NextServer = hosting.NextServer,
            },
            Interface = hosting.Interface,
            NetworkNamespace = hosting.NetworkNamespace,
            LeaseFile = hosting.LeaseFile,
            Port = hosting.Port,
            ListenPxePort = mode == BootServerMode.Proxy,
        };
        var errors = options.Validate();
        if (errors.Count > 0)
            throw new BootConfigurationException("dhcp", errors);
        return options;
    }

    /// <summary>Records each new or changed lease as a "DHCP seen" boot step (the DHCP server exposes leases, not events).</summary>
    private async Task WatchLeasesAsync(DhcpServer dhcp, CancellationToken stop)
    {
        var seen = new Dictionary<(MacAddress, IPAddress), DhcpLeaseStatus>();
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                foreach (var lease in dhcp.Leases())
                {
                    if (lease.Client is not { } mac)
                        continue;
                    if (seen.TryGetValue((mac, lease.Address), out var status) && status == lease.Status)
                        continue;
                    seen[(mac, lease.Address)] = lease.Status;
                    Events.Learn(mac, lease.Address);
                    Events.Record(BootStep.DhcpSeen, mac, lease.Address, $"{lease.Status} {lease.Address}");
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
