using Zos.Core.Bringup;
using Zos.Core.Primitives;

namespace Zos.Node.Bringup;

/// <summary>Everything bring-up needs from the command line and the config, already validated.</summary>
public sealed record BringupSettings(
    IReadOnlySet<string> PhysicalKinds,
    IReadOnlyList<ConnectivityTarget> Targets,
    TimeSpan ConnectTimeout,
    NicProbeSettings Probe,
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
}
