namespace Zos.Node.Bringup;

/// <summary>How one NIC is probed: carrier wait, DHCP rounds, IPv6 wait, and an optional VLAN to probe on.</summary>
public sealed record NicProbeSettings(TimeSpan CarrierWait, int DhcpTries, TimeSpan Ipv6Wait, ushort? Vlan);
