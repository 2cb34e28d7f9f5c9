using System.Net;
using Zos.Core.Primitives;
using Zos.Core.Validation;

namespace Zos.Protocols.Dhcp.Server;

/// <summary>
/// Everything the decision function needs to know about this server. <see cref="ServerAddress"/> is the address on
/// the served interface: it is the server identifier (option 54) and picks the local subnet.
/// </summary>
public sealed record DhcpServerConfig
{
    public required IPAddress ServerAddress { get; init; }

    public DhcpServerMode Mode { get; init; } = DhcpServerMode.Full;

    public IReadOnlyList<DhcpSubnet> Subnets { get; init; } = [];

    public IReadOnlyDictionary<MacAddress, DhcpReservation> Reservations { get; init; } = new Dictionary<MacAddress, DhcpReservation>();

    /// <summary>MACs that are farm nodes without a fixed address: they get a pool address and boot data.</summary>
    public IReadOnlySet<MacAddress> KnownClients { get; init; } = new HashSet<MacAddress>();

    public UnknownClientPolicy UnknownClients { get; init; } = UnknownClientPolicy.Ignore;

    public PxeBootFiles Boot { get; init; } = new();

    /// <summary>The TFTP server ('siaddr', option 66); defaults to <see cref="ServerAddress"/>.</summary>
    public IPAddress? NextServer { get; init; }

    /// <summary>How long an offered address stays held for the client that was offered it.</summary>
    public TimeSpan OfferHold { get; init; } = TimeSpan.FromSeconds(30);

    public IPAddress EffectiveNextServer => NextServer ?? ServerAddress;

    /// <summary>Addresses never handed out from a pool: reservations, the server, routers, DNS servers.</summary>
    public IReadOnlySet<IPAddress> ExcludedFromPools => _excluded ??= BuildExcluded();

    private HashSet<IPAddress>? _excluded;

    public bool IsKnown(MacAddress mac) =>
        Reservations.ContainsKey(mac) || KnownClients.Contains(mac) || UnknownClients == UnknownClientPolicy.ServeAsOrphan;

    /// <summary>The subnet holding <paramref name="address"/>, or null.</summary>
    public DhcpSubnet? SubnetOf(IPAddress address)
    {
        foreach (var s in Subnets)
        {
            if (s.Contains(address))
                return s;
        }
        return null;
    }

    /// <summary>All problems with this configuration at once, each naming the field and the value.</summary>
    public IReadOnlyList<ValidationError> Validate()
    {
        var errors = new List<ValidationError>();
        if (ServerAddress.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork || Ipv4.IsUnspecified(ServerAddress))
            errors.Add(new("serverAddress", $"must be the IPv4 address of the served interface, got '{ServerAddress}'"));
        if (Mode == DhcpServerMode.Full && Subnets.Count == 0)
            errors.Add(new("subnets", "full mode needs at least one subnet"));
        for (var i = 0; i < Subnets.Count; i++)
        {
            var s = Subnets[i];
            var path = $"subnets[{i}]";
            if (s.Network.BaseAddress.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork)
            {
                errors.Add(new($"{path}.network", $"must be an IPv4 network, got '{s.Network}'"));
                continue;
            }
            var network = Ipv4.ToUInt32(s.Network.BaseAddress);
            var broadcast = Ipv4.ToUInt32(Ipv4.Broadcast(s.Network));
            foreach (var (name, address) in new[] { ("poolStart", s.PoolStart), ("poolEnd", s.PoolEnd) })
            {
                if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork || !s.Contains(address))
                    errors.Add(new($"{path}.{name}", $"'{address}' is not inside {s.Network}"));
                else if (Ipv4.ToUInt32(address) == network || Ipv4.ToUInt32(address) == broadcast)
                    errors.Add(new($"{path}.{name}", $"'{address}' is the network or broadcast address of {s.Network}"));
            }
            if (s.PoolStart.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork
                && s.PoolEnd.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork
                && Ipv4.ToUInt32(s.PoolStart) > Ipv4.ToUInt32(s.PoolEnd))
                errors.Add(new($"{path}.poolEnd", $"'{s.PoolEnd}' is before poolStart '{s.PoolStart}'"));
            if (s.Router is { } r && !s.Contains(r))
                errors.Add(new($"{path}.router", $"'{r}' is not inside {s.Network}"));
            if (s.LeaseTime < TimeSpan.FromSeconds(10) || s.LeaseTime.TotalSeconds >= uint.MaxValue)
                errors.Add(new($"{path}.leaseTime", $"must be between 10 s and 136 years, got {s.LeaseTime}"));
        }
        foreach (var (mac, reservation) in Reservations)
        {
            if (Mode == DhcpServerMode.Full && SubnetOf(reservation.Address) is null)
                errors.Add(new($"reservations[{mac}]", $"'{reservation.Address}' is in no configured subnet"));
        }
        var duplicates = Reservations.GroupBy(r => r.Value.Address).Where(g => g.Count() > 1);
        foreach (var g in duplicates)
            errors.Add(new("reservations", $"'{g.Key}' is reserved for several MACs: {string.Join(", ", g.Select(r => r.Key))}"));
        return errors;
    }

    private HashSet<IPAddress> BuildExcluded()
    {
        var set = new HashSet<IPAddress> { ServerAddress };
        foreach (var r in Reservations.Values)
            set.Add(r.Address);
        foreach (var s in Subnets)
        {
            if (s.Router is { } router)
                set.Add(router);
            foreach (var dns in s.DnsServers)
                set.Add(dns);
        }
        return set;
    }
}
