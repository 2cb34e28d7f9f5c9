using System.Net;
using System.Net.Sockets;
using Xunit;
using Zos.Linux.Interop;
using Zos.Linux.Sockets;
using Zos.Linux.Tests.Infrastructure;
using Zos.Testing;

namespace Zos.Linux.Tests.Sockets;

public sealed class BroadcastUdpSocketTests
{
    [Fact]
    public void Open_InNamespace_BoundToWildcardAndReceivesThereWithTheInterface()
    {
        Require.Privileged("ip");
        using var scratch = new ScratchNamespace("udp");
        using var socket = BroadcastUdpSocket.Open(0, "lo", scratch.Namespace);
        var port = ((IPEndPoint)socket.LocalEndPoint!).Port;
        Assert.Equal(IPAddress.Any, ((IPEndPoint)socket.LocalEndPoint!).Address);
        Assert.NotEqual(0, port);
        Assert.True(socket.EnableBroadcast);

        // Sent from inside the namespace: only a socket living there receives it.
        var script = $"printf ping > /dev/udp/127.0.0.1/{port}";
        Sh.Run("ip", "netns", "exec", scratch.Name, "bash", "-c", script).EnsureSuccess("send a datagram in the namespace");
        socket.ReceiveTimeout = 5000;
        var buffer = new byte[16];
        EndPoint from = new IPEndPoint(IPAddress.Any, 0);
        var flags = SocketFlags.None;
        var read = socket.ReceiveMessageFrom(buffer, ref flags, ref from, out var info);

        Assert.Equal("ping"u8.ToArray(), buffer[..read]);
        Assert.Equal(scratch.Netlink.FindLink("lo")!.Index, info.Interface);
    }

    [Fact]
    public void Open_UnknownInterface_NamesTheStepAndErrno()
    {
        Require.Privileged("ip");
        using var scratch = new ScratchNamespace("udp");

        var e = Assert.Throws<SystemCallException>(() => BroadcastUdpSocket.Open(0, "nosuch0", scratch.Namespace));

        Assert.Equal($"open udp 0.0.0.0:0 on interface 'nosuch0' in namespace {scratch.Name}: SO_BINDTODEVICE: No such device (ENODEV)", e.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a/b")]
    [InlineData("sixteen-chars-xx")]
    public void Open_InvalidInterfaceName_ThrowsNamingIt(string name)
    {
        var e = Assert.Throws<ArgumentException>(() => BroadcastUdpSocket.Open(0, name));

        Assert.StartsWith($"invalid interface name '{name}'", e.Message, StringComparison.Ordinal);
    }
}
