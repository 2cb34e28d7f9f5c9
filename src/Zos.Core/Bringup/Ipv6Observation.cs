using System.Net;

namespace Zos.Core.Bringup;

/// <summary>
/// What SLAAC and router advertisements gave a NIC: its global addresses and the RA default router (link-local,
/// RFC 4861 §6.3.4). A NIC is usable over IPv6 only with both.
/// </summary>
public sealed record Ipv6Observation(IReadOnlyList<IPAddress> GlobalAddresses, IPAddress? DefaultRouter)
{
    public static Ipv6Observation None { get; } = new([], null);

    public bool IsUsable => GlobalAddresses.Count > 0 && DefaultRouter is not null;

    public bool Equals(Ipv6Observation? other) =>
        other is not null && GlobalAddresses.SequenceEqual(other.GlobalAddresses) && Equals(DefaultRouter, other.DefaultRouter);

    public override int GetHashCode() => HashCode.Combine(GlobalAddresses.Count, DefaultRouter);
}
