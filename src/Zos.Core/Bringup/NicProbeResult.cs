using Zos.Core.Primitives;

namespace Zos.Core.Bringup;

/// <summary>
/// What probing one NIC found: carrier, the DHCPv4 lease (all routers kept), the IPv6 observation, and the
/// probe's own error if it could not run. Built by the node's probe adapter; judged by <see cref="ZosNicSelector"/>.
/// </summary>
public sealed record NicProbeResult(
    string Name,
    MacAddress Mac,
    bool HasCarrier,
    DhcpLease? Lease,
    Ipv6Observation Ipv6,
    string? Error = null,
    bool CutShort = false)
{
    public static NicProbeResult Unplugged(string name, MacAddress mac) => new(name, mac, false, null, Ipv6Observation.None);

    /// <summary>A NIC whose probe never started because another NIC was chosen first.</summary>
    public static NicProbeResult NotProbed(string name, MacAddress mac) => new(name, mac, false, null, Ipv6Observation.None) { Skipped = true };

    /// <summary>True when the probe never started (<see cref="NotProbed"/>).</summary>
    public bool Skipped { get; init; }

    /// <summary>Where the probe spent its time, when the adapter measured it.</summary>
    public NicProbeTimeline? Timeline { get; init; }

    public bool HasUsableIpv4 => Lease is { HasRouter: true };

    public bool HasUsableIpv6 => Ipv6.IsUsable;

    public bool Works => Error is null && HasCarrier && (HasUsableIpv4 || HasUsableIpv6);

    /// <summary>Why this NIC cannot be used at all, or null when it can.</summary>
    public ProbeFailure? Failure =>
        Error is not null ? ProbeFailure.ProbeError
        : Skipped ? ProbeFailure.NotProbed
        : !HasCarrier ? ProbeFailure.NoCarrier
        : HasUsableIpv4 || HasUsableIpv6 ? null
        : Lease is not null ? ProbeFailure.NoRouter
        : CutShort ? ProbeFailure.CutShort
        : ProbeFailure.NoOffer;
}
