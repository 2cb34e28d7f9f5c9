using Zos.Core.Bringup;
using Zos.Core.Primitives;

namespace Zos.Node.Bringup;

/// <summary>Everything bring-up needs from the command line and the config, already validated.</summary>
/// <param name="Targets">Where the route out is proven (zos-probe=, the config, or the run mode's Internet targets): never the registry.</param>
/// <param name="Schedule">The carrier wait and DHCP tries of each probe round, growing per failed round.</param>
/// <param name="Ipv6Wait">How long a probe without a DHCP lease waits for an RA and SLAAC.</param>
public sealed record BringupSettings(
    IReadOnlySet<string> PhysicalKinds,
    IReadOnlyList<ConnectivityTarget> Targets,
    TimeSpan ConnectTimeout,
    ProbeSchedule Schedule,
    TimeSpan Ipv6Wait,
    TimeSpan LeaseWait,
    BackoffPolicy Backoff,
    ushort? PrivateVlan,
    ushort? PublicVlan,
    MacAddress? PinnedMac)
{
    /// <summary>After this many failed connectivity checks through an attached NIC, release it and probe all NICs again.</summary>
    public int ReprobeAfterFailures { get; init; } = 3;

    /// <summary>After the first NIC with IPv4 and a private gateway answers, how long slower probes may still finish before they are cancelled.</summary>
    public TimeSpan ProbeGrace { get; init; } = TimeSpan.FromMilliseconds(700);

    /// <summary>The registry's host and port: checked once the route out works, only to report on it (never to give up a NIC).</summary>
    public ConnectivityTarget? Registry { get; init; }

    /// <summary>How round <paramref name="round"/> probes each NIC: its waits, the probe VLAN (vlan:priv), NICs kept up between rounds.</summary>
    public NicProbeSettings ProbeFor(ProbeRound round) =>
        new(round.CarrierWait, round.DhcpTries, Ipv6Wait, PrivateVlan) { DhcpTryTimeout = round.DhcpTryTimeout, KeepUpBetweenRounds = true };
}
