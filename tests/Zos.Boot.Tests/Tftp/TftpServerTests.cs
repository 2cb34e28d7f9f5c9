using System.Net;
using System.Net.Sockets;
using Xunit;
using Zos.Boot.Tftp;
using Zos.Protocols.Tftp;

namespace Zos.Boot.Tests.Tftp;

/// <summary>The server on loopback, driven by hand-made packets: protocol edge cases a real client rarely shows.</summary>
public sealed class TftpServerTests : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("zos-tftp-srv-").FullName;
    private TftpServer _server = null!;

    public ValueTask InitializeAsync()
    {
        File.WriteAllBytes(Path.Combine(_root, "exact.bin"), Enumerable.Range(0, 1024).Select(i => (byte)i).ToArray());
        _server = new TftpServer(new TftpServerOptions
        {
            Root = _root,
            Endpoint = new IPEndPoint(IPAddress.Loopback, 0),
            // 1 s: long enough for a test client on a loaded CI machine to answer, short enough for the give-up test.
            Limits = new TftpTransferLimits { DefaultTimeout = TimeSpan.FromSeconds(1), MaxRetries = 2 },
        });
        _server.Start();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    private static async Task<(TftpPacket Packet, IPEndPoint From)> ReceiveAsync(Socket client)
    {
        var buffer = new byte[70000];
        // Generous: the CI machine is small and loaded; a reply that comes at all comes long before this.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var r = await client.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), timeout.Token);
        return (TftpCodec.Parse(buffer.AsSpan(0, r.ReceivedBytes)).Packet!, (IPEndPoint)r.RemoteEndPoint);
    }

    private Socket Client()
    {
        var client = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        client.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return client;
    }

    [Fact]
    public async Task ReadRequest_WithOptions_OackFromNewTidThenBlocksEndingWithEmptyBlock()
    {
        using var client = Client();
        await client.SendToAsync(TftpCodec.Encode(new TftpRequest(TftpOpcode.ReadRequest, "exact.bin", "octet", [new("blksize", "512"), new("tsize", "0")])), _server.LocalEndPoint);

        var (oack, tid) = await ReceiveAsync(client);
        Assert.Equal([new("blksize", "512"), new("tsize", "1024")], Assert.IsType<TftpOptionAck>(oack).Options);
        Assert.NotEqual(_server.LocalEndPoint.Port, tid.Port);
        var lengths = new List<int>();
        ushort block = 0;
        do
        {
            await client.SendToAsync(TftpCodec.Encode(new TftpAck(block)), tid);
            var data = Assert.IsType<TftpData>((await ReceiveAsync(client)).Packet);
            block = data.Block;
            lengths.Add(data.Payload.Length);
        }
        while (lengths[^1] == 512);
        await client.SendToAsync(TftpCodec.Encode(new TftpAck(block)), tid);

        Assert.Equal([512, 512, 0], lengths);
        await WaitForAsync(() => _server.Counters.TransfersCompleted == 1);
    }

    [Fact]
    public async Task ReadRequest_NoAck_RetransmitsThenGivesUp()
    {
        using var client = Client();
        await client.SendToAsync(TftpCodec.Encode(new TftpRequest(TftpOpcode.ReadRequest, "exact.bin", "octet", [])), _server.LocalEndPoint);

        var first = Assert.IsType<TftpData>((await ReceiveAsync(client)).Packet);
        var again = Assert.IsType<TftpData>((await ReceiveAsync(client)).Packet);

        Assert.Equal(1, first.Block);
        Assert.Equal(1, again.Block);
        await WaitForAsync(() => _server.Counters.TransfersFailed == 1);
        Assert.Equal(2, _server.Counters.Retransmissions);
    }

    [Fact]
    public async Task WriteRequest_IsAnsweredWithAccessViolation()
    {
        using var client = Client();
        await client.SendToAsync(TftpCodec.Encode(new TftpRequest(TftpOpcode.WriteRequest, "new.bin", "octet", [])), _server.LocalEndPoint);

        var error = Assert.IsType<TftpError>((await ReceiveAsync(client)).Packet);

        Assert.Equal(TftpErrorCode.AccessViolation, error.Code);
        Assert.Equal("this server is read-only", error.Message);
        Assert.False(File.Exists(Path.Combine(_root, "new.bin")));
    }

    [Theory]
    [InlineData("../../etc/passwd", TftpErrorCode.AccessViolation)]
    [InlineData("/etc/passwd", TftpErrorCode.AccessViolation)]
    [InlineData("nothing-here", TftpErrorCode.FileNotFound)]
    public async Task ReadRequest_OutsideOrMissing_IsRefused(string name, TftpErrorCode expected)
    {
        using var client = Client();
        await client.SendToAsync(TftpCodec.Encode(new TftpRequest(TftpOpcode.ReadRequest, name, "octet", [])), _server.LocalEndPoint);

        var error = Assert.IsType<TftpError>((await ReceiveAsync(client)).Packet);

        Assert.Equal(expected, error.Code);
    }

    [Fact]
    public async Task Garbage_IsCountedAndTheServerStillServes()
    {
        using var client = Client();
        var random = new Random(7);
        // In batches the server's receive buffer can hold: 500 datagrams at once overflow it (rmem_default) on a
        // loaded machine and the kernel drops them, the read request included, before the server sees them.
        for (var sent = 0; sent < 500;)
        {
            for (var i = 0; i < 50; i++, sent++)
            {
                var junk = new byte[random.Next(0, 600)];
                random.NextBytes(junk);
                await client.SendToAsync(junk, _server.LocalEndPoint);
            }
            var expected = sent * 4 / 5;
            await WaitForAsync(() => _server.Counters.Malformed + _server.Counters.Unexpected >= expected);
        }
        await client.SendToAsync(TftpCodec.Encode(new TftpAck(3)), _server.LocalEndPoint);
        await client.SendToAsync(TftpCodec.Encode(new TftpRequest(TftpOpcode.ReadRequest, "exact.bin", "octet", [])), _server.LocalEndPoint);

        var data = Assert.IsType<TftpData>((await ReceiveAsync(client)).Packet);

        Assert.Equal(1, data.Block);
        Assert.True(_server.Counters.Malformed + _server.Counters.Unexpected >= 400, _server.Counters.ToString());
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 300 && !condition(); i++)
            await Task.Delay(50);
        Assert.True(condition());
    }
}
