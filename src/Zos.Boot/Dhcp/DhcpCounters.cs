using System.Collections.Concurrent;
using Zos.Protocols.Dhcp;
using Zos.Protocols.Dhcp.Server;

namespace Zos.Boot.Dhcp;

/// <summary>What the DHCP server has seen: datagrams in, replies out by type, drops by reason, malformed by error.</summary>
public sealed class DhcpCounters
{
    private readonly ConcurrentDictionary<DhcpMessageType, long> _received = new();
    private readonly ConcurrentDictionary<DhcpMessageType, long> _replied = new();
    private readonly ConcurrentDictionary<DhcpDropReason, long> _dropped = new();
    private readonly ConcurrentDictionary<DhcpParseError, long> _malformed = new();
    private long _datagrams;
    private long _sendErrors;
    private long _internalErrors;

    public long Datagrams => Interlocked.Read(ref _datagrams);

    public long SendErrors => Interlocked.Read(ref _sendErrors);

    /// <summary>Exceptions caught while handling one packet (a bug, never a crash).</summary>
    public long InternalErrors => Interlocked.Read(ref _internalErrors);

    public long Received(DhcpMessageType type) => _received.GetValueOrDefault(type);

    public long Replied(DhcpMessageType type) => _replied.GetValueOrDefault(type);

    public long Dropped(DhcpDropReason reason) => _dropped.GetValueOrDefault(reason);

    public long Malformed(DhcpParseError error) => _malformed.GetValueOrDefault(error);

    public long TotalMalformed => _malformed.Values.Sum();

    public long TotalReplied => _replied.Values.Sum();

    internal void Datagram() => Interlocked.Increment(ref _datagrams);

    internal void Message(DhcpMessageType type) => _received.AddOrUpdate(type, 1, (_, n) => n + 1);

    internal void Reply(DhcpMessageType type) => _replied.AddOrUpdate(type, 1, (_, n) => n + 1);

    internal void Drop(DhcpDropReason reason) => _dropped.AddOrUpdate(reason, 1, (_, n) => n + 1);

    internal void Bad(DhcpParseError error)
    {
        _malformed.AddOrUpdate(error, 1, (_, n) => n + 1);
        Drop(DhcpDropReason.Malformed);
    }

    internal void SendError() => Interlocked.Increment(ref _sendErrors);

    internal void InternalError() => Interlocked.Increment(ref _internalErrors);

    public override string ToString() =>
        $"datagrams={Datagrams} received=[{Join(_received)}] replied=[{Join(_replied)}] dropped=[{Join(_dropped)}] " +
        $"malformed=[{Join(_malformed)}] send-errors={SendErrors} internal-errors={InternalErrors}";

    private static string Join<T>(ConcurrentDictionary<T, long> d) where T : notnull =>
        string.Join(' ', d.OrderBy(p => p.Key.ToString(), StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
}
