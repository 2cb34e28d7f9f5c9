using System.Net;

namespace Zos.Protocols.Dhcp.Server;

/// <summary>A fixed address for one MAC (a node's management NIC), with an optional host name (option 12).</summary>
public sealed record DhcpReservation(IPAddress Address, string? HostName = null);
