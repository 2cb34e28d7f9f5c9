using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Win32.SafeHandles;
using Zos.Protocols.Tftp;

namespace Zos.Boot.Tftp;

/// <summary>
/// A read-only TFTP server (RFC 1350, options per RFC 2347/2348/2349). Requests arrive on the well-known port; each
/// transfer gets its own socket on an ephemeral port, its transfer identifier (RFC 1350 §4), connected to the client's
/// port so stray packets from other TIDs never reach it. Write requests are refused with "access violation". Bad
/// packets are counted and dropped: nothing a client sends can stop the server.
/// </summary>
public sealed class TftpServer : IAsyncDisposable
{
    private readonly TftpServerOptions _options;
    private readonly TftpRootResolver _resolver;
    private readonly TftpFileCache _files = new();
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private static readonly TimeSpan PollSlice = TimeSpan.FromMilliseconds(200);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _transfers = [];
    private readonly Lock _transfersLock = new();
    private Socket? _socket;
    private Task? _listener;
    private int _active;

    public TftpServer(TftpServerOptions options, TimeProvider? time = null, ILogger<TftpServer>? logger = null)
    {
        _options = options;
        _resolver = new TftpRootResolver(options.Root);
        _time = time ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    public TftpCounters Counters { get; } = new();

    /// <summary>Raised (on a pool thread) for each read request after it has been accepted or refused.</summary>
    public event Action<TftpFileRequest>? FileRequested;

    /// <summary>The bound endpoint (with the real port when the options asked for port 0).</summary>
    public IPEndPoint LocalEndPoint => (IPEndPoint?)_socket?.LocalEndPoint ?? throw new InvalidOperationException("the TFTP server is not started");

    public int ActiveTransfers => Volatile.Read(ref _active);

    public void Start()
    {
        if (_socket is not null)
            throw new InvalidOperationException("the TFTP server is already started");
        var socket = new Socket(_options.Endpoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.Bind(_options.Endpoint);
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw new InvalidOperationException($"TFTP: cannot bind UDP {_options.Endpoint}: {e.Message}", e);
        }
        _socket = socket;
        _listener = Task.Run(() => ListenAsync(socket, _stop.Token));
        _logger.TftpServing(_resolver.Root, LocalEndPoint);
    }

    public async Task StopAsync()
    {
        if (_socket is null)
            return;
        await _stop.CancelAsync();
        _socket.Dispose();
        if (_listener is not null)
            await _listener.ConfigureAwait(false);
        Task[] running;
        lock (_transfersLock)
            running = [.. _transfers];
        await Task.WhenAll(running).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }

    private async Task ListenAsync(Socket socket, CancellationToken stop)
    {
        var buffer = new byte[65536];
        EndPoint any = new IPEndPoint(_options.Endpoint.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (!stop.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await socket.ReceiveFromAsync(buffer, SocketFlags.None, any, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException e)
            {
                // ICMP port unreachable from an earlier reply surfaces here as ConnectionReset: not our problem.
                _logger.TftpReceiveError(e.SocketErrorCode);
                continue;
            }
            try
            {
                HandleDatagram(socket, buffer.AsSpan(0, received.ReceivedBytes), (IPEndPoint)received.RemoteEndPoint);
            }
            catch (Exception e)
            {
                // Last line of defence: a bug in handling one datagram must not stop the server.
                Counters.MalformedPacket();
                _logger.TftpDatagramDropped(e, received.RemoteEndPoint);
            }
        }
    }

    private void HandleDatagram(Socket socket, ReadOnlySpan<byte> datagram, IPEndPoint remote)
    {
        var parsed = TftpCodec.Parse(datagram);
        if (parsed.Packet is null)
        {
            Counters.MalformedPacket();
            _logger.TftpMalformed(remote, parsed.Error);
            return;
        }
        switch (parsed.Packet)
        {
            case TftpRequest { Opcode: TftpOpcode.WriteRequest } wrq:
                Counters.WriteRequestRejected();
                Refuse(socket, remote, wrq.FileName, TftpErrorCode.AccessViolation, "this server is read-only");
                break;
            case TftpRequest rrq:
                Counters.Request();
                Accept(socket, rrq, remote);
                break;
            default:
                // DATA/ACK/ERROR/OACK belong to a transfer's own port, never to the well-known one.
                Counters.UnexpectedPacket();
                break;
        }
    }

    private void Accept(Socket socket, TftpRequest request, IPEndPoint remote)
    {
        if (request.Mode != "octet")
        {
            // Boot clients ask for octet; netascii would rewrite line ends of binary loaders.
            Counters.UnexpectedPacket();
            Refuse(socket, remote, request.FileName, TftpErrorCode.IllegalOperation, $"mode '{request.Mode}' is not supported, use octet");
            return;
        }
        var path = _resolver.Resolve(request.FileName);
        if (path.FullPath is null)
        {
            if (path.ErrorCode == TftpErrorCode.AccessViolation)
                Counters.Denied();
            else
                Counters.Missing();
            _logger.TftpRefused(request.FileName, remote, path.Error);
            // Say "not found" for both: the client learns nothing about what exists outside the root.
            Refuse(socket, remote, request.FileName, path.ErrorCode, path.ErrorCode == TftpErrorCode.AccessViolation ? "access violation" : "file not found");
            return;
        }
        if (Interlocked.Increment(ref _active) > _options.MaxConcurrentTransfers)
        {
            Interlocked.Decrement(ref _active);
            Counters.ServerBusy();
            Refuse(socket, remote, request.FileName, TftpErrorCode.NotDefined, "server busy, retry later");
            return;
        }
        Counters.Started();
        // One thread per transfer, blocking on its own socket: a lock-step transfer is latency-bound, and a blocking
        // receive answers an ACK sooner than an async receive with a timer.
        var task = Task.Factory.StartNew(() => Transfer(request, path.FullPath, remote, _stop.Token), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        lock (_transfersLock)
        {
            _transfers.Add(task);
            _transfers.RemoveAll(t => t.IsCompleted);
        }
        FileRequested?.Invoke(new TftpFileRequest(remote, request.FileName, true, null));
    }

    private void Refuse(Socket socket, IPEndPoint remote, string fileName, TftpErrorCode code, string message)
    {
        Span<byte> packet = stackalloc byte[512];
        var n = TftpCodec.WriteError(packet, code, message);
        try
        {
            socket.SendTo(packet[..n], SocketFlags.None, remote);
        }
        catch (SocketException e)
        {
            _logger.TftpErrorNotSent(remote, e.SocketErrorCode);
        }
        FileRequested?.Invoke(new TftpFileRequest(remote, fileName, false, message));
    }

    private void Transfer(TftpRequest request, string path, IPEndPoint remote, CancellationToken stop)
    {
        var ok = false;
        try
        {
            ok = RunTransfer(request, path, remote, stop);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is IOException or SocketException or UnauthorizedAccessException)
        {
            _logger.TftpTransferFailed(request.FileName, remote, e.Message);
        }
        finally
        {
            Interlocked.Decrement(ref _active);
            if (ok)
                Counters.Completed();
            else
                Counters.Failed();
        }
    }

    private bool RunTransfer(TftpRequest request, string path, IPEndPoint remote, CancellationToken stop)
    {
        // Small files (every loader) come from a whole-file snapshot: no read syscall per block.
        var content = _files.Get(path);
        using var file = content is null ? File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.RandomAccess) : null;
        var length = content?.LongLength ?? RandomAccess.GetLength(file!);
        var negotiated = TftpNegotiation.Negotiate(request, length, _options.Limits);
        var transfer = new TftpReadTransfer(length, negotiated, _options.Limits.MaxRetries);

        using var socket = new Socket(remote.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        var local = _options.Endpoint.Address;
        socket.Bind(new IPEndPoint(local.Equals(IPAddress.Any) || local.Equals(IPAddress.IPv6Any) ? (remote.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any) : local, 0));
        // Connected: the kernel drops datagrams from any other TID (RFC 1350 §4) and send() needs no address.
        socket.Connect(remote);
        // A blocking receive bounded by SO_RCVTIMEO: one syscall per ACK (no poll before it, no timer), and the
        // slice bounds how late a stopping server or a retransmission deadline is noticed.
        var receiveTimeout = (int)PollSlice.TotalMilliseconds;
        socket.ReceiveTimeout = receiveTimeout;

        var send = new byte[TftpCodec.DataHeaderLength + negotiated.BlockSize];
        var oack = negotiated.NeedsOptionAck ? TftpCodec.Encode(new TftpOptionAck(negotiated.Acknowledged)) : [];
        var receive = new byte[1024];
        var sentLength = 0;
        var action = transfer.Start(_time.GetUtcNow());
        while (true)
        {
            switch (action.Kind)
            {
                case TftpActionKind.SendOptionAck:
                    if (action.IsRetransmission)
                        Counters.Retransmitted();
                    socket.Send(oack);
                    break;
                case TftpActionKind.SendData:
                    if (action.IsRetransmission)
                        Counters.Retransmitted();
                    else
                        sentLength = FillDataBlock(send, action, content, file, path);
                    socket.Send(send.AsSpan(0, sentLength));
                    Counters.Sent(sentLength - TftpCodec.DataHeaderLength);
                    break;
                case TftpActionKind.Complete:
                    return true;
                case TftpActionKind.GiveUp:
                    _logger.TftpGaveUp(remote, request.FileName);
                    return false;
                case TftpActionKind.None:
                    break;
            }

            var delay = transfer.Deadline - _time.GetUtcNow();
            if (delay <= TimeSpan.Zero)
            {
                action = transfer.OnTimeout(_time.GetUtcNow());
                continue;
            }
            var wanted = (int)Math.Clamp(Math.Ceiling(delay.TotalMilliseconds), 1, PollSlice.TotalMilliseconds);
            if (wanted != receiveTimeout)
            {
                // Only near a deadline: in the steady state the slice stays the same and costs no setsockopt.
                socket.ReceiveTimeout = receiveTimeout = wanted;
            }
            int received;
            try
            {
                received = socket.Receive(receive);
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.TimedOut or SocketError.WouldBlock)
            {
                stop.ThrowIfCancellationRequested();
                action = transfer.OnTimeout(_time.GetUtcNow());
                continue;
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
            {
                // ICMP port unreachable: the client is gone.
                return false;
            }
            var datagram = receive.AsSpan(0, received);
            if (TftpCodec.TryReadAck(datagram, out var acked))
            {
                action = transfer.OnAck(acked, _time.GetUtcNow());
                continue;
            }
            switch (TftpCodec.Parse(datagram).Packet)
            {
                case TftpError error:
                    _logger.TftpAborted(remote, request.FileName, error.Code, error.Message);
                    return false;
                default:
                    Counters.MalformedPacket();
                    action = TftpAction.None;
                    break;
            }
        }
    }

    /// <summary>Writes the DATA header and the block's bytes into <paramref name="send"/>; returns the datagram length.</summary>
    private static int FillDataBlock(byte[] send, TftpAction action, byte[]? content, SafeFileHandle? file, string path)
    {
        TftpCodec.WriteDataHeader(send, action.Block);
        var payload = send.AsSpan(TftpCodec.DataHeaderLength, action.Length);
        if (content is not null)
        {
            content.AsSpan((int)action.Offset, action.Length).CopyTo(payload);
            return TftpCodec.DataHeaderLength + action.Length;
        }
        var read = 0;
        while (read < action.Length)
        {
            var n = RandomAccess.Read(file!, payload[read..], action.Offset + read);
            if (n == 0)
                throw new IOException($"{path} shrank during the transfer");
            read += n;
        }
        return TftpCodec.DataHeaderLength + action.Length;
    }
}
