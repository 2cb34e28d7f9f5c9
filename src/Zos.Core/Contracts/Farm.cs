namespace Zos.Core.Contracts;

/// <summary>
/// A farm as the registry keeps it. <see cref="AnswerIcmpEcho"/>: the farm's nodes answer ICMP echo on their
/// management and public addresses (the default, as the setup document says); it reaches them in their desired state.
/// </summary>
public sealed record Farm(
    uint Id,
    string Name,
    long OwnerId,
    IReadOnlyList<FarmPublicIp> PublicIps,
    IReadOnlyList<string> Ipv6Prefixes,
    FarmBootProfile Boot,
    IReadOnlyList<BootMac> Macs,
    bool AnswerIcmpEcho = true);
