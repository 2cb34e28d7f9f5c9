using System.Net;
using Zos.Core.Primitives;
using Zos.Core.Validation;
using Zos.Protocols.Dhcp.Server;

namespace Zos.Boot.Dhcp;

/// <summary>
/// How the DHCP server runs: the interface it is bound to and its address there, full or proxy mode, the subnets
/// (pool, router, DNS, domain, lease time), the farm's MACs (reservations and the known list), the boot files and
/// iPXE script URL, the unknown-MAC policy, and where leases are kept.
/// </summary>
public sealed record DhcpServerOptions
{
    /// <summary>The interface to serve (SO_BINDTODEVICE); null serves every interface of the namespace (tests, relays only).</summary>
    public string? Interface { get; init; }

    /// <summary>This server's IPv4 address on <see cref="Interface"/>: server identifier (54) and local subnet.</summary>
    public required IPAddress ServerAddress { get; init; }

    public DhcpServerMode Mode { get; init; } = DhcpServerMode.Full;

    public IReadOnlyList<DhcpSubnet> Subnets { get; init; } = [];

    /// <summary>Fixed addresses by MAC: a node's management NIC (multi-NIC nodes are listed by that NIC's MAC).</summary>
    public IReadOnlyDictionary<MacAddress, DhcpReservation> Reservations { get; init; } = new Dictionary<MacAddress, DhcpReservation>();

    /// <summary>Farm MACs without a fixed address: served from the pool.</summary>
    public IReadOnlySet<MacAddress> KnownClients { get; init; } = new HashSet<MacAddress>();

    public UnknownClientPolicy UnknownClients { get; init; } = UnknownClientPolicy.Ignore;

    /// <summary>Loader names per firmware and the iPXE script base URL (e.g. http://10.1.0.1:8080/boot/).</summary>
    public PxeBootFiles Boot { get; init; } = new();

    /// <summary>TFTP server given as next-server; defaults to <see cref="ServerAddress"/>.</summary>
    public IPAddress? NextServer { get; init; }

    /// <summary>JSON file the leases are kept in across restarts; null keeps them in memory only.</summary>
    public string? LeaseFile { get; init; }

    /// <summary>How often changed leases are written (writes are coalesced; the last state is written on stop).</summary>
    public TimeSpan LeaseFlushInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>UDP port of the DHCP server (67); 0 picks a free one (tests).</summary>
    public int Port { get; init; } = 67;

    /// <summary>Also answer PXE boot-server requests on UDP 4011 (UEFI firmware in proxy mode asks there).</summary>
    public bool ListenPxePort { get; init; }

    /// <summary>Open the sockets inside this network namespace (a name under /run/netns or a path), from this process.</summary>
    public string? NetworkNamespace { get; init; }

    public DhcpServerConfig ToConfig() => new()
    {
        ServerAddress = ServerAddress,
        Mode = Mode,
        Subnets = Subnets,
        Reservations = Reservations,
        KnownClients = KnownClients,
        UnknownClients = UnknownClients,
        Boot = Boot,
        NextServer = NextServer,
    };

    public IReadOnlyList<ValidationError> Validate()
    {
        var errors = new List<ValidationError>(ToConfig().Validate());
        if (Interface is { } name && (name.Length is 0 or > 15 || name.Contains('/') || name.Contains('\0')))
            errors.Add(new("interface", $"'{name}' is not a Linux interface name (1-15 characters, no '/')"));
        if (Port is < 0 or > 65535)
            errors.Add(new("port", $"must be 0-65535, got {Port}"));
        if (LeaseFlushInterval <= TimeSpan.Zero)
            errors.Add(new("leaseFlushInterval", $"must be positive, got {LeaseFlushInterval}"));
        return errors;
    }
}
