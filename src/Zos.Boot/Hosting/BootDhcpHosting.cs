using System.Net;

namespace Zos.Boot.Hosting;

/// <summary>Where the boot server's DHCP side runs; what it serves comes from the boot configuration.</summary>
public sealed record BootDhcpHosting
{
    /// <summary>This server's IPv4 address on the LAN (server identifier, and TFTP/HTTP address given to clients).</summary>
    public required IPAddress ServerAddress { get; init; }

    /// <summary>The LAN interface (SO_BINDTODEVICE).</summary>
    public string? Interface { get; init; }

    /// <summary>Open the DHCP sockets inside this network namespace (tests, lab).</summary>
    public string? NetworkNamespace { get; init; }

    /// <summary>TFTP server for loaders when it is not <see cref="ServerAddress"/>.</summary>
    public IPAddress? NextServer { get; init; }

    /// <summary>Base URL of the per-MAC scripts given to iPXE (default: http://ServerAddress:httpPort/boot/).</summary>
    public string? ScriptBaseUrl { get; init; }

    public string? LeaseFile { get; init; }

    public int Port { get; init; } = 67;
}
