using System.Text;
using Xunit;
using Zos.Protocols.Tftp;

namespace Zos.Protocols.Tests.Tftp;

public class TftpCodecTests
{
    // The RRQ iPXE sends (seen in a capture of Debian's iPXE under qemu, linux-on-this-machine.md §6a).
    private static readonly byte[] IpxeReadRequest =
        [0, 1, .. "boot.ipxe"u8, 0, .. "octet"u8, 0, .. "blksize"u8, 0, .. "1432"u8, 0, .. "tsize"u8, 0, .. "0"u8, 0];

    [Fact]
    public void Parse_IpxeReadRequest_DecodesNameModeAndOptions()
    {
        var result = TftpCodec.Parse(IpxeReadRequest);

        var request = Assert.IsType<TftpRequest>(result.Packet);
        Assert.Equal(TftpOpcode.ReadRequest, request.Opcode);
        Assert.Equal("boot.ipxe", request.FileName);
        Assert.Equal("octet", request.Mode);
        Assert.Equal("1432", request.Option("blksize"));
        Assert.Equal("0", request.Option("tsize"));
        Assert.Null(request.Option("timeout"));
    }

    [Fact]
    public void Encode_ReadRequest_RoundTripsToTheSameBytes()
    {
        var request = (TftpRequest)TftpCodec.Parse(IpxeReadRequest).Packet!;

        Assert.Equal(IpxeReadRequest, TftpCodec.Encode(request));
    }

    [Fact]
    public void Parse_OptionNamesInUpperCase_AreLowerCasedAndFirstOccurrenceWins()
    {
        byte[] datagram = [0, 1, .. "f"u8, 0, .. "OCTET"u8, 0, .. "BlkSize"u8, 0, .. "1024"u8, 0, .. "blksize"u8, 0, .. "8"u8, 0];

        var request = Assert.IsType<TftpRequest>(TftpCodec.Parse(datagram).Packet);

        Assert.Equal("octet", request.Mode);
        Assert.Single(request.Options);
        Assert.Equal("1024", request.Option("blksize"));
    }

    [Fact]
    public void Parse_TrailingNulPadding_IsAccepted()
    {
        byte[] datagram = [0, 1, .. "f"u8, 0, .. "octet"u8, 0, 0, 0, 0];

        var request = Assert.IsType<TftpRequest>(TftpCodec.Parse(datagram).Packet);

        Assert.Empty(request.Options);
    }

    [Theory]
    [InlineData(new byte[] { 0 }, "datagram of 1 bytes is shorter than an opcode")]
    [InlineData(new byte[] { 0, 9 }, "unknown opcode 9")]
    [InlineData(new byte[] { 0, 1, 0x66 }, "RRQ file name: missing NUL terminator")]
    [InlineData(new byte[] { 0, 1, 0, 0x6f, 0 }, "RRQ has an empty file name")]
    [InlineData(new byte[] { 0, 2, 0x66, 0, 0 }, "WRQ has an empty mode")]
    [InlineData(new byte[] { 0, 1, 0x66, 1, 0, 0x6f, 0 }, "RRQ file name: byte 0x01 is not printable ASCII")]
    [InlineData(new byte[] { 0, 1, 0x66, 0, 0x6f, 0, 0x62, 0 }, "RRQ options: option 'b': missing NUL terminator")]
    [InlineData(new byte[] { 0, 3, 0 }, "DATA without a block number")]
    [InlineData(new byte[] { 0, 4 }, "ACK without a block number")]
    [InlineData(new byte[] { 0, 5, 0 }, "ERROR without an error code")]
    public void Parse_Malformed_ReturnsTheReason(byte[] datagram, string expected)
    {
        var result = TftpCodec.Parse(datagram);

        Assert.False(result.IsSuccess);
        Assert.Equal(expected, result.Error);
    }

    [Fact]
    public void Parse_DataAckErrorOack_DecodeTheirFields()
    {
        var data = Assert.IsType<TftpData>(TftpCodec.Parse([0, 3, 0xff, 0xff, 1, 2, 3]).Packet);
        var ack = Assert.IsType<TftpAck>(TftpCodec.Parse([0, 4, 0x01, 0x02]).Packet);
        var error = Assert.IsType<TftpError>(TftpCodec.Parse([0, 5, 0, 2, .. "nope"u8, 0]).Packet);
        var oack = Assert.IsType<TftpOptionAck>(TftpCodec.Parse([0, 6, .. "tsize"u8, 0, .. "42"u8, 0]).Packet);

        Assert.Equal(65535, data.Block);
        Assert.Equal(new byte[] { 1, 2, 3 }, data.Payload.ToArray());
        Assert.Equal(0x0102, ack.Block);
        Assert.Equal(TftpErrorCode.AccessViolation, error.Code);
        Assert.Equal("nope", error.Message);
        Assert.Equal([new("tsize", "42")], oack.Options);
    }

    [Fact]
    public void WriteData_BlockAndPayload_AreBigEndianAfterOpcode()
    {
        var buffer = new byte[10];

        var n = TftpCodec.WriteData(buffer, 0x1234, [9, 8]);

        Assert.Equal(new byte[] { 0, 3, 0x12, 0x34, 9, 8 }, buffer[..n]);
    }

    [Fact]
    public void WriteError_Message_IsNulTerminated()
    {
        var buffer = new byte[64];

        var n = TftpCodec.WriteError(buffer, TftpErrorCode.FileNotFound, "gone");

        Assert.Equal([0, 5, 0, 1, .. Encoding.ASCII.GetBytes("gone"), 0], buffer[..n]);
    }

    [Fact]
    public void WriteOptionAck_RoundTrips()
    {
        var oack = new TftpOptionAck([new("blksize", "1468"), new("tsize", "1024"), new("timeout", "3")]);

        var decoded = Assert.IsType<TftpOptionAck>(TftpCodec.Parse(TftpCodec.Encode(oack)).Packet);

        Assert.Equal(oack.Options, decoded.Options);
    }
}
