namespace Zos.Core.Bringup;

/// <summary>Which family carried the chosen NIC to the Internet.</summary>
public enum AddressFamilyChoice
{
    Ipv4,

    /// <summary>IPv6 only: a global address and an RA default route, accepted when no NIC has usable IPv4.</summary>
    Ipv6Only,
}
