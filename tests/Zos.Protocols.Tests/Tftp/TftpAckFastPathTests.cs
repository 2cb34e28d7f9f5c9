using Xunit;
using Zos.Protocols.Tftp;

namespace Zos.Protocols.Tests.Tftp;

/// <summary>The allocation-free ACK reader agrees with the full parser on every datagram.</summary>
public class TftpAckFastPathTests
{
    [Theory]
    [InlineData(new byte[] { 0, 4, 0, 0 }, 0)]
    [InlineData(new byte[] { 0, 4, 0x12, 0x34 }, 0x1234)]
    [InlineData(new byte[] { 0, 4, 0xff, 0xff, 0, 0 }, 0xffff)] // padded ACK, as some clients send
    public void TryReadAck_AckDatagram_ReturnsTheBlockTheParserSees(byte[] datagram, int expected)
    {
        Assert.True(TftpCodec.TryReadAck(datagram, out var block));

        Assert.Equal((ushort)expected, block);
        Assert.Equal(block, Assert.IsType<TftpAck>(TftpCodec.Parse(datagram).Packet).Block);
    }

    [Theory]
    [InlineData(new byte[] { 0, 4, 1 })] // truncated ACK
    [InlineData(new byte[] { 0, 3, 0, 1, 9 })] // DATA
    [InlineData(new byte[] { 0, 5, 0, 1, 0 })] // ERROR
    [InlineData(new byte[] { })]
    public void TryReadAck_AnythingElse_ReturnsFalseAndTheParserDoesNotSeeAnAck(byte[] datagram)
    {
        Assert.False(TftpCodec.TryReadAck(datagram, out var block));

        Assert.Equal(0, block);
        Assert.IsNotType<TftpAck>(TftpCodec.Parse(datagram).Packet);
    }

    [Fact]
    public void TryReadAck_RandomDatagrams_AgreesWithParse()
    {
        var random = new Random(1350);
        var buffer = new byte[8];
        for (var i = 0; i < 10_000; i++)
        {
            var length = random.Next(0, buffer.Length + 1);
            random.NextBytes(buffer);
            buffer[0] = 0;
            buffer[1] = (byte)random.Next(0, 7);
            var datagram = buffer.AsSpan(0, length);

            var fast = TftpCodec.TryReadAck(datagram, out var block);
            var parsed = TftpCodec.Parse(datagram).Packet as TftpAck;

            Assert.Equal(parsed is not null, fast);
            Assert.Equal(parsed?.Block ?? 0, block);
        }
    }
}
