using System.Net;
using Zos.Core.Primitives;

namespace Zos.Boot.Hosting;

/// <summary>
/// The boot steps seen by DHCP, TFTP and HTTP, newest last, bounded in memory. It also remembers which MAC last used
/// which IPv4 address, so a TFTP or kernel request (which carries no MAC) is attributed to its node.
/// <see cref="Recorded"/> lets a host forward events (e.g. to the registry, to show "booting" in the Cockpit).
/// </summary>
public sealed class BootEventLog(TimeProvider time, int capacity = 10_000)
{
    private readonly Queue<BootEvent> _events = new();
    private readonly Dictionary<IPAddress, MacAddress> _macByAddress = [];
    private readonly Lock _lock = new();

    public event Action<BootEvent>? Recorded;

    public BootEvent Record(BootStep step, MacAddress? mac, IPAddress? client, string detail)
    {
        client = client is { IsIPv4MappedToIPv6: true } ? client.MapToIPv4() : client;
        BootEvent recorded;
        lock (_lock)
        {
            if (mac is { } known && client is not null && !client.Equals(IPAddress.Any))
                _macByAddress[client] = known;
            else if (mac is null && client is not null && _macByAddress.TryGetValue(client, out var learned))
                mac = learned;
            recorded = new BootEvent(time.GetUtcNow(), step, mac?.ToString(), client?.ToString(), detail);
            _events.Enqueue(recorded);
            while (_events.Count > capacity)
                _events.Dequeue();
        }
        Recorded?.Invoke(recorded);
        return recorded;
    }

    /// <summary>Tells the log that <paramref name="mac"/> now uses <paramref name="address"/> (e.g. from a DHCP ACK).</summary>
    public void Learn(MacAddress mac, IPAddress address)
    {
        lock (_lock)
            _macByAddress[address] = mac;
    }

    public IReadOnlyList<BootEvent> Snapshot(MacAddress? mac = null)
    {
        lock (_lock)
        {
            var text = mac?.ToString();
            return [.. _events.Where(e => text is null || e.Mac == text)];
        }
    }
}
