using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Zos.Linux.Interop;
using Zos.Linux.Namespaces;
using Zos.Linux.Sockets;
using Zos.Protocols.Dhcp;
using Zos.Protocols.Dhcp.Server;

namespace Zos.Boot.Dhcp;

/// <summary>
/// The DHCPv4 server's socket loop (RFC 2131, RFC 2132, RFC 3046, RFC 3396, RFC 4578, PXE 2.1 proxyDHCP): receive,
/// decode (<see cref="DhcpMessageReader"/>), decide (<see cref="DhcpDecider"/>), apply lease changes, send to where
/// <see cref="DhcpReplyAddressing"/> says. A reply to a client without an address is broadcast on the bound interface
/// (with MSG_DONTROUTE) rather than unicast to yiaddr, which would need an ARP entry injected for it; RFC 2131 §4.1
/// allows this. Nothing a client sends stops the loop: bad datagrams are counted and dropped.
/// </summary>
public sealed class DhcpServer : IAsyncDisposable
{
    private const int ReceiveBufferSize = 4096;

    private readonly DhcpServerOptions _options;
    private readonly DhcpServerConfig _config;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly DhcpLeaseTable _leases = new();
    private readonly Lock _leaseLock = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _loops = [];
    private readonly List<Socket> _sockets = [];
    private Socket? _main;
    private Socket? _pxe;
    private bool _dirty;
    private long _leaseWrites;

    public DhcpServer(DhcpServerOptions options, TimeProvider? time = null, ILogger<DhcpServer>? logger = null)
    {
        var errors = options.Validate();
        if (errors.Count > 0)
            throw new ArgumentException($"invalid DHCP server options: {string.Join("; ", errors)}", nameof(options));
        _options = options;
        _config = options.Config;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    public DhcpCounters Counters { get; } = new();

    /// <summary>Raised (on a pool thread) for every decoded request, answered or not. Handlers must be quick.</summary>
    public event Action<DhcpExchange>? Exchanged;

    /// <summary>How many times the lease file was written.</summary>
    public long LeaseWrites => Interlocked.Read(ref _leaseWrites);

    /// <summary>The bound DHCP endpoint (the real port when the options asked for 0).</summary>
    public IPEndPoint LocalEndPoint => (IPEndPoint?)_main?.LocalEndPoint ?? throw new InvalidOperationException("the DHCP server is not started");

    public IPEndPoint? PxeEndPoint => (IPEndPoint?)_pxe?.LocalEndPoint;

    /// <summary>A copy of the current leases.</summary>
    public IReadOnlyList<DhcpServerLease> Leases()
    {
        lock (_leaseLock)
            return [.. _leases.All];
    }

    public void Start()
    {
        if (_main is not null)
            throw new InvalidOperationException("the DHCP server is already started");
        if (_options.LeaseFile is { } file)
        {
            var (leases, errors) = DhcpLeaseFile.Load(file);
            foreach (var error in errors)
                _logger.DhcpLeaseFileProblem(error);
            foreach (var lease in leases)
                _leases.Set(lease);
            _logger.DhcpLeasesLoaded(leases.Count, file);
        }
        try
        {
            using var ns = _options.NetworkNamespace is { } nameOrPath ? NetworkNamespace.OpenNameOrPath(nameOrPath) : null;
            _main = BroadcastUdpSocket.Open(_options.Port, _options.Interface, ns);
            _sockets.Add(_main);
            if (_options.ListenPxePort)
            {
                _pxe = BroadcastUdpSocket.Open(DhcpRequest.PxePort, _options.Interface, ns);
                _sockets.Add(_pxe);
            }
        }
        catch (Exception e)
        {
            foreach (var s in _sockets)
                s.Dispose();
            _sockets.Clear();
            _main = _pxe = null;
            if (e is SystemCallException)
                throw new InvalidOperationException($"DHCP: cannot {e.Message}", e);
            throw;
        }
        foreach (var socket in _sockets)
        {
            var port = ((IPEndPoint)socket.LocalEndPoint!).Port;
            var localPort = socket == _pxe ? DhcpRequest.PxePort : DhcpRequest.ServerPort;
            _loops.Add(Task.Run(() => ReceiveLoopAsync(socket, localPort, _stop.Token)));
            _logger.DhcpListening(_config.Mode, port, _options.Interface ?? "*", _config.ServerAddress);
        }
        if (_options.LeaseFile is not null)
            _loops.Add(Task.Run(() => FlushLoopAsync(_stop.Token)));
    }

    public async Task StopAsync()
    {
        if (_main is null || _stop.IsCancellationRequested)
            return;
        await _stop.CancelAsync().ConfigureAwait(false);
        foreach (var s in _sockets)
            s.Dispose();
        try
        {
            await Task.WhenAll(_loops).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        FlushLeases();
        _logger.DhcpStopped(Counters);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    /// <summary>Handles one datagram: the whole server behaviour minus the socket, so tests can feed bytes directly.</summary>
    internal (byte[] Reply, DhcpReplyDestination Destination)? Handle(ReadOnlySpan<byte> datagram, int localPort, IPEndPoint source)
    {
        Counters.Datagram();
        var parsed = DhcpMessageReader.Parse(datagram);
        if (!parsed.Success)
        {
            Counters.Bad(parsed.Error);
            _logger.DhcpMalformed(source, parsed.Detail);
            return null;
        }
        var message = parsed.Message;
        if (message.MessageType is { } type)
            Counters.Message(type);
        var request = new DhcpRequest(message, localPort, source);
        DhcpDecision decision;
        lock (_leaseLock)
        {
            decision = DhcpDecider.Decide(request, _config, _leases, _time.GetUtcNow());
            if (decision.Changes.Count > 0)
            {
                _leases.Apply(decision.Changes);
                _dirty = true;
            }
        }
        Notify(message, decision);
        if (decision.Reply is not { } reply)
        {
            if (decision.DropReason != DhcpDropReason.None)
            {
                Counters.Drop(decision.DropReason);
                _logger.DhcpNoReply(message, decision.DropReason);
            }
            else
            {
                _logger.DhcpHandled(message);
            }
            return null;
        }
        var destination = DhcpReplyAddressing.For(request, reply);
        _logger.DhcpReplied(message, reply, destination.EndPoint);
        return (DhcpMessageWriter.Encode(reply), destination);
    }

    private void Notify(DhcpMessage request, DhcpDecision decision)
    {
        if (Exchanged is not { } handler)
            return;
        var reply = decision.Reply;
        var address = reply is not null && !Ipv4.IsUnspecified(reply.YourAddress) ? reply.YourAddress : null;
        var bootFile = reply?.Options.GetString(DhcpOptionCode.BootFileName);
        try
        {
            handler(new DhcpExchange(request.ClientMac, request.MessageType, reply?.MessageType, address, bootFile, decision.DropReason));
        }
        catch (Exception e)
        {
            // A subscriber's bug must not stop the server.
            Counters.InternalError();
            _logger.DhcpExchangeHandlerFailed(e);
        }
    }

    private async Task ReceiveLoopAsync(Socket socket, int localPort, CancellationToken cancel)
    {
        var buffer = new byte[ReceiveBufferSize];
        EndPoint any = new IPEndPoint(IPAddress.Any, 0);
        while (!cancel.IsCancellationRequested)
        {
            SocketReceiveMessageFromResult received;
            try
            {
                received = await socket.ReceiveMessageFromAsync(buffer, SocketFlags.None, any, cancel).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException e)
            {
                if (cancel.IsCancellationRequested)
                    return;
                // e.g. ECONNREFUSED reported for an earlier unicast reply: the socket is still usable.
                _logger.DhcpReceiveError(e.SocketErrorCode);
                continue;
            }
            try
            {
                var outcome = Handle(buffer.AsSpan(0, received.ReceivedBytes), localPort, (IPEndPoint)received.RemoteEndPoint);
                if (outcome is { } o)
                    await SendAsync(socket, o.Reply, o.Destination, cancel).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancel.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                Counters.InternalError();
                _logger.DhcpDatagramFailed(e, received.RemoteEndPoint);
            }
        }
    }

    private async Task SendAsync(Socket socket, byte[] reply, DhcpReplyDestination destination, CancellationToken cancel)
    {
        try
        {
            // Broadcasts stay on the bound interface: no routing lookup for 255.255.255.255 (MSG_DONTROUTE).
            var flags = destination.IsBroadcast ? SocketFlags.DontRoute : SocketFlags.None;
            await socket.SendToAsync(reply, flags, destination.EndPoint, cancel).ConfigureAwait(false);
            Counters.Reply(ReplyType(reply));
        }
        catch (SocketException e)
        {
            Counters.SendError();
            _logger.DhcpSendFailed(destination.EndPoint, e.SocketErrorCode);
        }
    }

    /// <summary>The reply's message type: the writer puts option 53 first.</summary>
    private static DhcpMessageType ReplyType(byte[] reply) => (DhcpMessageType)reply[DhcpMessageReader.MinimumLength + 2];

    private async Task FlushLoopAsync(CancellationToken cancel)
    {
        while (!cancel.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_options.LeaseFlushInterval, _time, cancel).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            try
            {
                FlushLeases();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                _logger.DhcpLeaseFileWriteFailed(_options.LeaseFile, e.Message);
            }
        }
    }

    private void FlushLeases()
    {
        if (_options.LeaseFile is not { } file)
            return;
        List<DhcpServerLease> snapshot;
        lock (_leaseLock)
        {
            if (!_dirty)
                return;
            _leases.Purge(_time.GetUtcNow());
            snapshot = [.. _leases.All];
            _dirty = false;
        }
        DhcpLeaseFile.Save(file, snapshot);
        Interlocked.Increment(ref _leaseWrites);
    }
}
