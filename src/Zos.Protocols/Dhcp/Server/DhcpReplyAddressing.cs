using System.Net;

namespace Zos.Protocols.Dhcp.Server;

/// <summary>
/// RFC 2131 §4.1, "constructing and sending DHCP messages", as a pure rule:
/// giaddr set → the relay, port 67 (the relay delivers it); otherwise a NAK is broadcast; otherwise ciaddr set →
/// unicast to ciaddr:68; otherwise broadcast 255.255.255.255:68. The RFC lets a server unicast to yiaddr/chaddr when
/// the broadcast bit is clear, but that needs an ARP entry for an address the client does not have yet; the RFC
/// allows broadcasting instead, which is what this server does. A reply to a PXE request on port 4011 goes back to
/// the sender (PXE 2.1 §2.2.4: the client is configured and listens on its source port).
/// </summary>
public static class DhcpReplyAddressing
{
    public static DhcpReplyDestination For(DhcpRequest request, DhcpMessage reply)
    {
        if (request.LocalPort == DhcpRequest.PxePort && !Ipv4.IsUnspecified(request.Source.Address))
            return new DhcpReplyDestination(request.Source, IsBroadcast: false);
        if (!Ipv4.IsUnspecified(request.Message.GatewayAddress))
            return new DhcpReplyDestination(new IPEndPoint(request.Message.GatewayAddress, DhcpRequest.ServerPort), IsBroadcast: false);
        if (reply.MessageType == DhcpMessageType.Nak)
            return new DhcpReplyDestination(new IPEndPoint(IPAddress.Broadcast, DhcpRequest.ClientPort), IsBroadcast: true);
        if (!Ipv4.IsUnspecified(request.Message.ClientAddress))
            return new DhcpReplyDestination(new IPEndPoint(request.Message.ClientAddress, DhcpRequest.ClientPort), IsBroadcast: false);
        return new DhcpReplyDestination(new IPEndPoint(IPAddress.Broadcast, DhcpRequest.ClientPort), IsBroadcast: true);
    }
}
