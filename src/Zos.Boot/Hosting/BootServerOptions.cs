using Zos.Boot.Configuration;
using Zos.Boot.Http;
using Zos.Boot.Tftp;

namespace Zos.Boot.Hosting;

/// <summary>Everything `zos boot serve` composes.</summary>
public sealed record BootServerOptions
{
    public required IBootConfigSource ConfigSource { get; init; }

    public required BootHttpOptions Http { get; init; }

    /// <summary>TFTP for the iPXE loaders; null runs without TFTP (boot media or firmware iPXE only).</summary>
    public TftpServerOptions? Tftp { get; init; }

    public BootServerMode Mode { get; init; } = BootServerMode.Full;

    /// <summary>DHCP (full or proxy per <see cref="Mode"/>); null leaves DHCP to another server.</summary>
    public BootDhcpHosting? Dhcp { get; init; }

    /// <summary>The LAN interface the DHCP side binds to.</summary>
    public string? Interface { get; init; }
}
