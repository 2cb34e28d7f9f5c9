namespace Zos.Core.Contracts;

/// <summary>A farm as the registry keeps it.</summary>
public sealed record Farm(
    uint Id,
    string Name,
    long OwnerId,
    IReadOnlyList<FarmPublicIp> PublicIps,
    IReadOnlyList<string> Ipv6Prefixes,
    FarmBootProfile Boot,
    IReadOnlyList<BootMac> Macs);
