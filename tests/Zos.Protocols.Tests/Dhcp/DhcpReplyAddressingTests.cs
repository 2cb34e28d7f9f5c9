using System.Net;
using Xunit;
using Zos.Core.Primitives;
using Zos.Protocols.Dhcp;
using Zos.Protocols.Dhcp.Server;

namespace Zos.Protocols.Tests.Dhcp;

public sealed class DhcpReplyAddressingTests
{
    private static readonly MacAddress Mac = MacAddress.Parse("02:00:00:00:00:01");

    private static DhcpReplyDestination For(Action<DhcpMessage> request, DhcpMessageType replyType, int port = 67, IPEndPoint? source = null)
    {
        var m = DhcpTestPackets.Request(DhcpMessageType.Request, Mac);
        request(m);
        var reply = DhcpTestPackets.Request(replyType, Mac);
        return DhcpReplyAddressing.For(new DhcpRequest(m, port, source ?? new IPEndPoint(IPAddress.Any, 68)), reply);
    }

    [Fact]
    public void For_Relayed_GoesToRelayPort67EvenForNak()
    {
        var ack = For(m => m.GatewayAddress = IPAddress.Parse("10.20.0.1"), DhcpMessageType.Ack);
        var nak = For(m => m.GatewayAddress = IPAddress.Parse("10.20.0.1"), DhcpMessageType.Nak);

        Assert.Equal(new DhcpReplyDestination(new IPEndPoint(IPAddress.Parse("10.20.0.1"), 67), false), ack);
        Assert.Equal(ack, nak);
    }

    [Fact]
    public void For_ClientWithCiaddr_UnicastsToPort68()
    {
        var d = For(m => m.ClientAddress = IPAddress.Parse("10.10.0.5"), DhcpMessageType.Ack);

        Assert.Equal(new DhcpReplyDestination(new IPEndPoint(IPAddress.Parse("10.10.0.5"), 68), false), d);
    }

    [Fact]
    public void For_NakWithCiaddr_IsBroadcast()
    {
        var d = For(m => m.ClientAddress = IPAddress.Parse("10.10.0.5"), DhcpMessageType.Nak);

        Assert.Equal(new DhcpReplyDestination(new IPEndPoint(IPAddress.Broadcast, 68), true), d);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void For_ClientWithoutAddress_IsBroadcastWhateverTheFlag(bool broadcastFlag)
    {
        var d = For(m => m.Broadcast = broadcastFlag, DhcpMessageType.Offer);

        Assert.Equal(new DhcpReplyDestination(new IPEndPoint(IPAddress.Broadcast, 68), true), d);
    }

    [Fact]
    public void For_Port4011Request_GoesBackToSender()
    {
        var source = new IPEndPoint(IPAddress.Parse("10.10.0.150"), 4011);

        var d = For(m => m.ClientAddress = IPAddress.Parse("10.10.0.150"), DhcpMessageType.Ack, DhcpRequest.PxePort, source);

        Assert.Equal(new DhcpReplyDestination(source, false), d);
    }
}
