using System.Net.Sockets;
using System.Runtime.CompilerServices;
using Zos.Linux.Namespaces;
using static Zos.Linux.Netlink.Kernel.RtnetlinkConstants;

namespace Zos.Linux.Netlink;

/// <summary>
/// A subscription to link and address notifications (rtnetlink multicast groups joined with bind(2) before the fd is
/// wrapped). Malformed notifications are counted in <see cref="DroppedMessages"/> and skipped; a kernel-side
/// overrun (ENOBUFS) is reported as a <see cref="RouteNetlinkEventKind.Overrun"/> event.
/// </summary>
public sealed class RouteNetlinkEvents : IDisposable
{
    private readonly NetlinkSocket _socket;
    private readonly byte[] _buffer = new byte[256 * 1024];
    private long _dropped;

    private RouteNetlinkEvents(NetlinkSocket socket) => _socket = socket;

    /// <summary>Subscribes in the calling thread's namespace.</summary>
    public static RouteNetlinkEvents Open(RouteNetlinkGroups groups = RouteNetlinkGroups.Links | RouteNetlinkGroups.IPv4Addresses | RouteNetlinkGroups.IPv6Addresses) =>
        new(NetlinkSocket.Open((uint)groups));

    /// <summary>Subscribes inside <paramref name="ns"/> (socket created on a dedicated setns'd thread).</summary>
    public static RouteNetlinkEvents Open(NetworkNamespace ns, RouteNetlinkGroups groups = RouteNetlinkGroups.Links | RouteNetlinkGroups.IPv4Addresses | RouteNetlinkGroups.IPv6Addresses)
    {
        ArgumentNullException.ThrowIfNull(ns);
        var g = (uint)groups;
        return new(NetlinkSocket.Wrap(ns.Run($"subscribe to events in {ns.Label}", () => NetlinkSocket.OpenRaw(g))));
    }

    /// <summary>Notifications that could not be decoded and were skipped.</summary>
    public long DroppedMessages => Interlocked.Read(ref _dropped);

    /// <summary>Reads notifications until cancelled or disposed.</summary>
    public async IAsyncEnumerable<RouteNetlinkEvent> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            int received;
            var overrun = false;
            try
            {
                received = await _socket.Socket.ReceiveAsync(_buffer.AsMemory(), SocketFlags.None, cancellationToken).ConfigureAwait(false);
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.NoBufferSpaceAvailable)
            {
                received = 0;
                overrun = true;
            }
            catch (ObjectDisposedException)
            {
                yield break;
            }
            if (overrun)
            {
                yield return new RouteNetlinkEvent(RouteNetlinkEventKind.Overrun);
                continue;
            }
            foreach (var e in Decode(received))
                yield return e;
        }
    }

    private List<RouteNetlinkEvent> Decode(int received)
    {
        var events = new List<RouteNetlinkEvent>();
        try
        {
            var reader = new NetlinkMessageReader(_buffer.AsSpan(0, received));
            while (reader.TryRead(out var m))
            {
                try
                {
                    switch (m.Header.Type)
                    {
                        case RTM_NEWLINK: events.Add(new(RouteNetlinkEventKind.LinkChanged, RtnetlinkDecoder.DecodeLink(m.Payload))); break;
                        case RTM_DELLINK: events.Add(new(RouteNetlinkEventKind.LinkRemoved, RtnetlinkDecoder.DecodeLink(m.Payload))); break;
                        case RTM_NEWADDR: events.Add(new(RouteNetlinkEventKind.AddressAdded, Address: RtnetlinkDecoder.DecodeAddress(m.Payload))); break;
                        case RTM_DELADDR: events.Add(new(RouteNetlinkEventKind.AddressRemoved, Address: RtnetlinkDecoder.DecodeAddress(m.Payload))); break;
                    }
                }
                catch (NetlinkFormatException)
                {
                    Interlocked.Increment(ref _dropped);
                }
            }
        }
        catch (NetlinkFormatException)
        {
            // The datagram's framing is broken: the rest of it cannot be trusted.
            Interlocked.Increment(ref _dropped);
        }
        return events;
    }

    /// <summary>Ends the subscription.</summary>
    public void Dispose() => _socket.Dispose();
}
