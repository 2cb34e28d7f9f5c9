using System.Net;

namespace Zos.Protocols.Dhcp.Server;

/// <summary>Where a reply goes, and whether it is a link-level broadcast on the receiving interface.</summary>
public sealed record DhcpReplyDestination(IPEndPoint EndPoint, bool IsBroadcast);
