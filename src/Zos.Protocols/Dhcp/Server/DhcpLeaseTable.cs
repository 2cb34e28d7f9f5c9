using System.Net;
using Zos.Core.Primitives;

namespace Zos.Protocols.Dhcp.Server;

/// <summary>
/// The in-memory lease store: by client and by address. Free-address search resumes where the previous one stopped
/// (a cursor per pool), so handing out a pool in order costs O(1) per lease instead of rescanning from the start.
/// Not thread-safe: the server serialises access.
/// </summary>
public sealed class DhcpLeaseTable : IDhcpLeaseView
{
    private readonly Dictionary<MacAddress, DhcpServerLease> _byClient = [];
    private readonly Dictionary<IPAddress, DhcpServerLease> _byAddress = [];
    private readonly Dictionary<(uint, uint), uint> _cursors = [];

    public int Count => _byAddress.Count;

    public IEnumerable<DhcpServerLease> All => _byAddress.Values;

    public DhcpServerLease? ByClient(MacAddress client) => _byClient.GetValueOrDefault(client);

    public DhcpServerLease? ByAddress(IPAddress address) => _byAddress.GetValueOrDefault(address);

    public IPAddress? FindFreeAddress(IPAddress first, IPAddress last, DateTimeOffset now, IReadOnlySet<IPAddress> excluded)
    {
        var lo = Ipv4.ToUInt32(first);
        var hi = Ipv4.ToUInt32(last);
        if (hi < lo)
            return null;
        var size = (ulong)hi - lo + 1;
        var start = _cursors.TryGetValue((lo, hi), out var c) && c >= lo && c <= hi ? c : lo;
        for (ulong n = 0; n < size; n++)
        {
            var candidate = (uint)(lo + ((start - lo + n) % size));
            var address = Ipv4.FromUInt32(candidate);
            if (excluded.Contains(address))
                continue;
            if (_byAddress.TryGetValue(address, out var lease) && lease.IsActive(now))
                continue;
            _cursors[(lo, hi)] = candidate == hi ? lo : candidate + 1;
            return address;
        }
        return null;
    }

    public void Apply(IEnumerable<DhcpLeaseChange> changes)
    {
        foreach (var change in changes)
        {
            if (change.Remove)
                Remove(change.Lease);
            else
                Set(change.Lease);
        }
    }

    public void Set(DhcpServerLease lease)
    {
        if (lease.Client is { } client && _byClient.TryGetValue(client, out var old) && !old.Address.Equals(lease.Address))
            _byAddress.Remove(old.Address);
        if (_byAddress.TryGetValue(lease.Address, out var previous) && previous.Client is { } previousClient && previousClient != lease.Client)
            _byClient.Remove(previousClient);
        _byAddress[lease.Address] = lease;
        if (lease.Client is { } c)
            _byClient[c] = lease;
    }

    public void Remove(DhcpServerLease lease)
    {
        if (_byAddress.TryGetValue(lease.Address, out var current) && current.Client == lease.Client)
            _byAddress.Remove(lease.Address);
        if (lease.Client is { } client && _byClient.TryGetValue(client, out var byClient) && byClient.Address.Equals(lease.Address))
            _byClient.Remove(client);
    }

    /// <summary>Drops leases that ended before <paramref name="now"/>; returns how many.</summary>
    public int Purge(DateTimeOffset now)
    {
        var expired = _byAddress.Values.Where(l => !l.IsActive(now)).ToList();
        foreach (var lease in expired)
            Remove(lease);
        return expired.Count;
    }
}
