using System.Net;

namespace Zos.Linux.Netlink;

/// <summary>An interface address as the kernel reports it in RTM_NEWADDR (ifaddrmsg + IFA_* attributes).</summary>
public sealed record AddressInfo
{
    /// <summary>ifa_index: the link the address is on.</summary>
    public required int LinkIndex { get; init; }

    /// <summary>The address (IFA_LOCAL for IPv4, IFA_ADDRESS for IPv6).</summary>
    public required IPAddress Address { get; init; }

    /// <summary>ifa_prefixlen.</summary>
    public required int PrefixLength { get; init; }

    /// <summary>IFA_FLAGS (or ifa_flags when the attribute is absent).</summary>
    public AddressFlags Flags { get; init; }

    /// <summary>ifa_scope (0 global, 253 link, 254 host).</summary>
    public byte Scope { get; init; }

    /// <summary>IFA_LABEL (IPv4 only).</summary>
    public string? Label { get; init; }

    /// <summary>IFA_ADDRESS when it differs from IFA_LOCAL (the peer of a point-to-point IPv4 address).</summary>
    public IPAddress? Peer { get; init; }

    /// <summary>"address/prefix", as iproute2 prints it.</summary>
    public override string ToString() => $"{Address}/{PrefixLength}";
}
