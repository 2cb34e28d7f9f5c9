namespace Zos.Core.Public;

/// <summary>
/// What the node learned about one NIC that could carry br-pub: whether it has carrier, and whether a probe in a
/// throw-away namespace got a public IPv6 by RA or a public IPv4 by DHCP (the original only looks for IPv6, zos#1753).
/// </summary>
public sealed record PublicNicProbe(string Name, bool Plugged, bool PublicIpv6, bool PublicIpv4);
