using Zos.Core.Validation;
using Zos.Protocols.Dhcp.Server;

namespace Zos.Boot.Dhcp;

/// <summary>
/// How the DHCP server is hosted: the interface it is bound to, the ports, the namespace and where leases are kept.
/// What it answers (mode, subnets, the farm's MACs, boot files, unknown-MAC policy, its own address) is the pure
/// decision function's <see cref="DhcpServerConfig"/>, held here as is rather than copied field by field.
/// </summary>
public sealed record DhcpServerOptions
{
    /// <summary>What the server answers; its <see cref="DhcpServerConfig.ServerAddress"/> is its address on <see cref="Interface"/>.</summary>
    public required DhcpServerConfig Config { get; init; }

    /// <summary>The interface to serve (SO_BINDTODEVICE); null serves every interface of the namespace (tests, relays only).</summary>
    public string? Interface { get; init; }

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

    public IReadOnlyList<ValidationError> Validate()
    {
        var errors = new List<ValidationError>(Config.Validate());
        if (Interface is { } name && (name.Length is 0 or > 15 || name.Contains('/') || name.Contains('\0')))
            errors.Add(new("interface", $"'{name}' is not a Linux interface name (1-15 characters, no '/')"));
        if (Port is < 0 or > 65535)
            errors.Add(new("port", $"must be 0-65535, got {Port}"));
        if (LeaseFlushInterval <= TimeSpan.Zero)
            errors.Add(new("leaseFlushInterval", $"must be positive, got {LeaseFlushInterval}"));
        return errors;
    }
}
