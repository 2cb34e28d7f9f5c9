using Xunit;
using Zos.Protocols.Tftp;

namespace Zos.Protocols.Tests.Tftp;

public class TftpNegotiationTests
{
    private static TftpRequest Request(params (string Name, string Value)[] options) =>
        new(TftpOpcode.ReadRequest, "ipxe.efi", "octet", options.Select(o => new KeyValuePair<string, string>(o.Name, o.Value)).ToList());

    [Fact]
    public void Negotiate_NoOptions_Uses512AndNoOack()
    {
        var result = TftpNegotiation.Negotiate(Request(), 1000, new TftpTransferLimits());

        Assert.Equal(512, result.BlockSize);
        Assert.False(result.NeedsOptionAck);
        Assert.Equal(TimeSpan.FromSeconds(1), result.Timeout);
    }

    [Fact]
    public void Negotiate_LargeBlksize_IsClampedToFitA1500Mtu()
    {
        var result = TftpNegotiation.Negotiate(Request(("blksize", "65464")), 1000, new TftpTransferLimits());

        Assert.Equal(1468, result.BlockSize);
        Assert.Equal([new("blksize", "1468")], result.Acknowledged);
    }

    [Fact]
    public void Negotiate_ConfiguredMaximum_IsHonoured()
    {
        var result = TftpNegotiation.Negotiate(Request(("blksize", "9000")), 1000, new TftpTransferLimits { MaxBlockSize = 8192 });

        Assert.Equal(8192, result.BlockSize);
    }

    [Fact]
    public void Negotiate_SmallerBlksize_IsAcceptedAsAsked()
    {
        var result = TftpNegotiation.Negotiate(Request(("blksize", "1432")), 1000, new TftpTransferLimits());

        Assert.Equal(1432, result.BlockSize);
    }

    [Theory]
    [InlineData("7")]
    [InlineData("65465")]
    [InlineData("-1")]
    [InlineData("abc")]
    [InlineData("")]
    public void Negotiate_InvalidBlksize_IsIgnoredAnd512Applies(string value)
    {
        var result = TftpNegotiation.Negotiate(Request(("blksize", value)), 1000, new TftpTransferLimits());

        Assert.Equal(512, result.BlockSize);
        Assert.False(result.NeedsOptionAck);
    }

    [Fact]
    public void Negotiate_Tsize_AnswersTheFileLength()
    {
        var result = TftpNegotiation.Negotiate(Request(("tsize", "0")), 1_017_856, new TftpTransferLimits());

        Assert.Equal([new("tsize", "1017856")], result.Acknowledged);
    }

    [Theory]
    [InlineData("1", true)]
    [InlineData("255", true)]
    [InlineData("0", false)]
    [InlineData("256", false)]
    public void Negotiate_Timeout_IsEchoedOnlyWhenInRange(string value, bool accepted)
    {
        var result = TftpNegotiation.Negotiate(Request(("timeout", value)), 10, new TftpTransferLimits());

        Assert.Equal(accepted, result.Acknowledged.Contains(new("timeout", value)));
        Assert.Equal(accepted ? TimeSpan.FromSeconds(int.Parse(value, System.Globalization.CultureInfo.InvariantCulture)) : TimeSpan.FromSeconds(1), result.Timeout);
    }

    [Fact]
    public void Negotiate_UnknownOptions_AreNotAcknowledged()
    {
        var result = TftpNegotiation.Negotiate(Request(("windowsize", "4"), ("multicast", ""), ("tsize", "0")), 5, new TftpTransferLimits());

        Assert.Equal([new("tsize", "5")], result.Acknowledged);
    }
}
