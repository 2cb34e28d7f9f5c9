using System.Net;

namespace Zos.Protocols.Dhcp.Server;

/// <summary>A decoded message with where it came from: the local port (67, or 4011 for PXE) and the sender.</summary>
public sealed record DhcpRequest(DhcpMessage Message, int LocalPort, IPEndPoint Source)
{
    public const int ServerPort = 67;
    public const int ClientPort = 68;
    public const int PxePort = 4011;
}
