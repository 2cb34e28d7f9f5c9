using System.Net;

namespace Zos.Boot.Configuration;

/// <summary>The LAN the boot server's DHCP serves in full mode: subnet, pool and the options given with leases.</summary>
public sealed record BootDhcpSubnet
{
    public required IPNetwork Subnet { get; init; }

    public required IPAddress PoolStart { get; init; }

    public required IPAddress PoolEnd { get; init; }

    public IPAddress? Router { get; init; }

    public IReadOnlyList<IPAddress> Dns { get; init; } = [];

    public string? Domain { get; init; }

    public TimeSpan LeaseTime { get; init; } = TimeSpan.FromHours(1);
}
