using System.Diagnostics;
using System.Net.Sockets;
using Zos.Linux.Interop;
using Zos.Linux.Netlink.Kernel;
using static Zos.Linux.Netlink.Kernel.NetlinkHeaderConstants;

namespace Zos.Linux.Netlink;

/// <summary>
/// A NETLINK_ROUTE socket: the fd comes from P/Invoke socket(2) (.NET has no AF_NETLINK) and is wrapped in a
/// <see cref="SafeSocketHandle"/> and <see cref="Socket"/>. Requests are acknowledged one at a time (NLM_F_ACK),
/// replies are matched by sequence number, dumps are read up to NLMSG_DONE. Extended acks (NETLINK_EXT_ACK) give
/// the kernel's error text; NETLINK_CAP_ACK keeps the kernel from echoing requests back. Thread-safe: requests on
/// one socket are serialised.
/// </summary>
public sealed class NetlinkSocket : IDisposable
{
    /// <summary>Receive buffer: a dump datagram is at most 32 KiB (NLMSG_GOODSIZE.. 32768) unless the reader offers more.</summary>
    private const int ReceiveBufferSize = 128 * 1024;
    private static readonly TimeSpan s_replyTimeout = TimeSpan.FromSeconds(30);

    private readonly Socket _socket;
    private readonly byte[] _sendBuffer = new byte[16 * 1024];
    private readonly byte[] _receiveBuffer = new byte[ReceiveBufferSize];
    private readonly Lock _lock = new();
    private uint _sequence;

    private NetlinkSocket(int fd)
    {
        _socket = new Socket(new SafeSocketHandle(fd, ownsHandle: true));
        _sequence = (uint)Environment.TickCount;
    }

    /// <summary>Opens a socket in the calling thread's network namespace, optionally joined to multicast groups (RTMGRP_*).</summary>
    public static NetlinkSocket Open(uint multicastGroups = 0) => Wrap(OpenRaw(multicastGroups));

    /// <summary>
    /// Creates and configures the fd with raw system calls only (socket, setsockopt, bind), so that it is safe on a
    /// setns'd thread; returns the fd or -errno.
    /// </summary>
    internal static int OpenRaw(uint multicastGroups) => OpenRaw(multicastGroups, LibC.NETLINK_ROUTE);

    /// <summary>Like <see cref="OpenRaw(uint)"/> for another netlink family (NETLINK_NETFILTER, ...).</summary>
    internal static int OpenRaw(uint multicastGroups, int protocol)
    {
        var fd = LibC.socket(LibC.AF_NETLINK, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC, protocol);
        if (fd < 0)
            return -LibC.LastErrno;
        var one = 1;
        LibC.setsockopt(fd, LibC.SOL_NETLINK, LibC.NETLINK_EXT_ACK, in one, sizeof(int));
        LibC.setsockopt(fd, LibC.SOL_NETLINK, LibC.NETLINK_CAP_ACK, in one, sizeof(int));
        // A large kernel-side buffer keeps event bursts (200 links created at once) from overrunning (ENOBUFS).
        var rcvbuf = 4 * 1024 * 1024;
        if (LibC.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_RCVBUFFORCE, in rcvbuf, sizeof(int)) != 0)
            LibC.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_RCVBUF, in rcvbuf, sizeof(int));
        // A reply the kernel never sends must not hang the caller: recv gives up after the reply timeout.
        var timeout = new LibC.TimeValue { Seconds = (long)s_replyTimeout.TotalSeconds };
        LibC.setsockopt_timeval(fd, LibC.SOL_SOCKET, LibC.SO_RCVTIMEO, in timeout, 16);
        if (multicastGroups != 0)
        {
            // Groups must be joined through bind(): managed Bind cannot express a sockaddr_nl.
            var address = new LibC.SockAddrNetlink { Family = LibC.AF_NETLINK, Groups = multicastGroups };
            if (LibC.bind(fd, in address, 12) != 0)
            {
                var errno = LibC.LastErrno;
                LibC.close(fd);
                return -errno;
            }
        }
        return fd;
    }

    /// <summary>Wraps an fd from <see cref="OpenRaw"/> (or throws for its -errno).</summary>
    internal static NetlinkSocket Wrap(int fdOrErrno)
    {
        if (fdOrErrno < 0)
            throw new NetlinkKernelException("open netlink socket", -fdOrErrno, null);
        return new NetlinkSocket(fdOrErrno);
    }

    /// <summary>The managed socket, for asynchronous receive of events.</summary>
    internal Socket Socket => _socket;

    /// <summary>
    /// Sends one request with NLM_F_REQUEST|NLM_F_ACK plus <paramref name="flags"/> and waits for its acknowledgement;
    /// a kernel error becomes a <see cref="NetlinkKernelException"/> naming <paramref name="operation"/>.
    /// </summary>
    public void Execute(string operation, ushort type, ushort flags, RequestBody body) =>
        ExecuteCore<object>(operation, type, flags, body, null);

    /// <summary>
    /// Like <see cref="Execute"/> with NLM_F_ECHO: the kernel also sends the object it created (before the
    /// acknowledgement), decoded by <paramref name="decode"/>; null when the kernel did not echo it.
    /// </summary>
    public T? ExecuteEcho<T>(string operation, ushort type, ushort flags, RequestBody body, MessageDecoder<T> decode) where T : class =>
        ExecuteCore(operation, type, (ushort)(flags | NLM_F_ECHO), body, decode);

    private T? ExecuteCore<T>(string operation, ushort type, ushort flags, RequestBody body, MessageDecoder<T>? decode) where T : class
    {
        lock (_lock)
        {
            var sequence = SendLocked(type, (ushort)(NLM_F_REQUEST | NLM_F_ACK | flags), body);
            T? echoed = null;
            while (true)
            {
                var received = ReceiveLocked(operation);
                var reader = new NetlinkMessageReader(_receiveBuffer.AsSpan(0, received));
                while (reader.TryRead(out var message))
                {
                    if (message.Header.Sequence != sequence)
                        continue;
                    if (message.Header.Type != NLMSG_ERROR)
                    {
                        if (decode is not null)
                            echoed ??= decode(message);
                        continue;
                    }
                    var ack = RtnetlinkDecoder.DecodeAck(message);
                    if (ack.Errno != 0)
                        throw new NetlinkKernelException(operation, ack.Errno, ack.Message);
                    return echoed;
                }
            }
        }
    }

    /// <summary>Sends a dump request (NLM_F_REQUEST|NLM_F_DUMP) and decodes every reply up to NLMSG_DONE.</summary>
    public List<T> Dump<T>(string operation, ushort type, RequestBody body, MessageDecoder<T> decode) where T : class
    {
        lock (_lock)
        {
            for (var attempt = 1; ; attempt++)
            {
                var results = new List<T>();
                var interrupted = false;
                var sequence = SendLocked(type, NLM_F_REQUEST | NLM_F_DUMP, body);
                var done = false;
                while (!done)
                {
                    var received = ReceiveLocked(operation);
                    var reader = new NetlinkMessageReader(_receiveBuffer.AsSpan(0, received));
                    while (reader.TryRead(out var message))
                    {
                        if (message.Header.Sequence != sequence)
                            continue;
                        interrupted |= (message.Header.Flags & NLM_F_DUMP_INTR) != 0;
                        if (message.Header.Type == NLMSG_DONE)
                        {
                            done = true;
                            break;
                        }
                        if (message.Header.Type == NLMSG_ERROR)
                        {
                            var ack = RtnetlinkDecoder.DecodeAck(message);
                            if (ack.Errno != 0)
                                throw new NetlinkKernelException(operation, ack.Errno, ack.Message);
                            done = true;
                            break;
                        }
                        if (decode(message) is { } item)
                            results.Add(item);
                    }
                }
                // NLM_F_DUMP_INTR: the set changed during the dump, so the result may be inconsistent; retry.
                if (!interrupted || attempt == 3)
                    return results;
            }
        }
    }

    /// <summary>Sends a request that answers with one message (RTM_GET* for one object) and decodes it.</summary>
    public T Get<T>(string operation, ushort type, RequestBody body, MessageDecoder<T> decode) where T : class
    {
        lock (_lock)
        {
            var sequence = SendLocked(type, NLM_F_REQUEST, body);
            while (true)
            {
                var received = ReceiveLocked(operation);
                var reader = new NetlinkMessageReader(_receiveBuffer.AsSpan(0, received));
                while (reader.TryRead(out var message))
                {
                    if (message.Header.Sequence != sequence)
                        continue;
                    if (message.Header.Type == NLMSG_ERROR)
                    {
                        var ack = RtnetlinkDecoder.DecodeAck(message);
                        throw new NetlinkKernelException(operation, ack.Errno == 0 ? LibC.ENOENT : ack.Errno, ack.Message);
                    }
                    return decode(message) ?? throw new NetlinkException($"{operation}: unexpected reply type {message.Header.Type}");
                }
            }
        }
    }

    private uint SendLocked(ushort type, ushort flags, RequestBody body)
    {
        var sequence = ++_sequence;
        var writer = new NetlinkWriter(_sendBuffer);
        writer.BeginMessage(type, flags, sequence);
        body(ref writer);
        var message = writer.EndMessage();
        var sent = _socket.Send(message);
        Debug.Assert(sent == message.Length, "netlink datagrams are sent whole");
        return sequence;
    }

    /// <summary>recv(2) with MSG_TRUNC: the kernel reports the datagram's real size, so truncation is detected, not silent.</summary>
    private unsafe int ReceiveLocked(string operation)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(s_replyTimeout.TotalSeconds * Stopwatch.Frequency);
        var handle = _socket.SafeHandle;
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            while (true)
            {
                nint n;
                fixed (byte* p = _receiveBuffer)
                    n = LibC.recv(handle.DangerousGetHandle(), p, _receiveBuffer.Length, LibC.MSG_TRUNC);
                if (n >= 0)
                {
                    if (n > _receiveBuffer.Length)
                        throw new NetlinkFormatException($"{operation}: datagram of {n} bytes exceeds the {_receiveBuffer.Length}-byte receive buffer");
                    return (int)n;
                }
                var errno = LibC.LastErrno;
                if (errno == LibC.EINTR)
                    continue;
                if (errno == LibC.EAGAIN)
                {
                    // A non-blocking fd (the runtime may have switched it): wait for readability until the deadline.
                    var left = deadline - Stopwatch.GetTimestamp();
                    if (left <= 0)
                        throw new NetlinkException($"{operation}: no reply from the kernel within {s_replyTimeout.TotalSeconds} s");
                    _socket.Poll((int)Math.Min(int.MaxValue, left * 1_000_000 / Stopwatch.Frequency), SelectMode.SelectRead);
                    continue;
                }
                throw new NetlinkKernelException($"{operation}: receive", errno, null);
            }
        }
        finally
        {
            if (added)
                handle.DangerousRelease();
        }
    }

    /// <summary>
    /// Reads and discards every datagram already queued, without waiting (recv with MSG_DONTWAIT); returns how many
    /// there were. A kernel-side overrun (ENOBUFS: notifications were lost) counts as one, so callers never miss a change.
    /// </summary>
    internal unsafe int DrainPending()
    {
        lock (_lock)
        {
            var handle = _socket.SafeHandle;
            var added = false;
            try
            {
                handle.DangerousAddRef(ref added);
                var count = 0;
                while (true)
                {
                    nint n;
                    fixed (byte* p = _receiveBuffer)
                        n = LibC.recv(handle.DangerousGetHandle(), p, _receiveBuffer.Length, LibC.MSG_DONTWAIT | LibC.MSG_TRUNC);
                    if (n >= 0)
                    {
                        count++;
                        continue;
                    }
                    var errno = LibC.LastErrno;
                    if (errno == LibC.EINTR)
                        continue;
                    if (errno == LibC.ENOBUFS)
                    {
                        count++;
                        continue;
                    }
                    if (errno == LibC.EAGAIN)
                        return count;
                    throw new NetlinkKernelException("read pending notifications", errno, null);
                }
            }
            finally
            {
                if (added)
                    handle.DangerousRelease();
            }
        }
    }

    /// <summary>Closes the socket.</summary>
    public void Dispose() => _socket.Dispose();
}
