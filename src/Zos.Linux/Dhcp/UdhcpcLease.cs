using System.Net;

namespace Zos.Linux.Dhcp;

/// <summary>
/// A DHCPv4 lease as udhcpc reported it (RFC 2131/2132 options). Nothing is configured on the interface: the
/// caller applies it (addresses and routes through netlink).
/// </summary>
/// <param name="Interface">The interface the lease was obtained on.</param>
/// <param name="Address">The offered address (yiaddr).</param>
/// <param name="PrefixLength">The subnet mask (option 1) as a prefix length.</param>
/// <param name="Routers">Every router of option 3, in the server's order (the original kept none when there were several).</param>
/// <param name="DnsServers">Option 6, in order.</param>
/// <param name="ServerId">Option 54, the server identifier, when present.</param>
/// <param name="LeaseTime">Option 51.</param>
/// <param name="Domain">Option 15, when present.</param>
/// <param name="Broadcast">Option 28, when present.</param>
public sealed record UdhcpcLease(
    string Interface,
    IPAddress Address,
    int PrefixLength,
    IReadOnlyList<IPAddress> Routers,
    IReadOnlyList<IPAddress> DnsServers,
    IPAddress? ServerId,
    TimeSpan LeaseTime,
    string? Domain,
    IPAddress? Broadcast)
{
    /// <summary>The network the address belongs to, e.g. 10.98.0.0/24.</summary>
    public IPNetwork Network => new(NetworkAddress(), PrefixLength);

    private IPAddress NetworkAddress()
    {
        var bytes = Address.GetAddressBytes();
        for (var i = 0; i < bytes.Length; i++)
        {
            var bits = Math.Clamp(PrefixLength - i * 8, 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - bits));
        }
        return new IPAddress(bytes);
    }

    /// <summary>The first router, the one a default route would use.</summary>
    public IPAddress? DefaultGateway => Routers.Count > 0 ? Routers[0] : null;

    /// <inheritdoc />
    public bool Equals(UdhcpcLease? other) =>
        other is not null && Interface == other.Interface && Address.Equals(other.Address) && PrefixLength == other.PrefixLength
        && Routers.SequenceEqual(other.Routers) && DnsServers.SequenceEqual(other.DnsServers) && Equals(ServerId, other.ServerId)
        && LeaseTime == other.LeaseTime && Domain == other.Domain && Equals(Broadcast, other.Broadcast);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Interface, Address, PrefixLength, Routers.Count, LeaseTime);
}
