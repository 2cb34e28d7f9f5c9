using System.Net;

namespace Zos.Core.Bringup;

/// <summary>
/// A DHCPv4 lease as a probe or the long-running client saw it. <see cref="Routers"/> keeps every router of
/// option 3 (RFC 2132 §3.5 allows a list; the original drops a NIC whose offer carries more than one).
/// </summary>
public sealed record DhcpLease(
    IPAddress Address,
    int PrefixLength,
    IReadOnlyList<IPAddress> Routers,
    IReadOnlyList<IPAddress> DnsServers,
    IPAddress? ServerId,
    TimeSpan LeaseTime)
{
    /// <summary>The subnet the lease address lives in.</summary>
    public IPNetwork Subnet => new(Mask(Address, PrefixLength), PrefixLength);

    public bool HasRouter => Routers.Count > 0;

    /// <summary>True when any router is private (the original's §1.5 list): one is enough to prefer this NIC.</summary>
    public bool HasPrivateRouter => Routers.Any(PrivateAddresses.IsPrivate);

    public override string ToString() => $"{Address}/{PrefixLength}";

    private static IPAddress Mask(IPAddress address, int prefixLength)
    {
        var bytes = address.GetAddressBytes();
        for (var i = 0; i < bytes.Length; i++)
        {
            var bitsHere = Math.Clamp(prefixLength - (i * 8), 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - bitsHere));
        }
        return new IPAddress(bytes);
    }

    public bool Equals(DhcpLease? other) =>
        other is not null && Address.Equals(other.Address) && PrefixLength == other.PrefixLength
        && Routers.SequenceEqual(other.Routers) && DnsServers.SequenceEqual(other.DnsServers)
        && Equals(ServerId, other.ServerId) && LeaseTime == other.LeaseTime;

    public override int GetHashCode() => HashCode.Combine(Address, PrefixLength, Routers.Count, LeaseTime);
}
