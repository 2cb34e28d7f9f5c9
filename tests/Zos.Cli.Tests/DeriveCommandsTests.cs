using Xunit;

namespace Zos.Cli.Tests;

public class DeriveCommandsTests
{
    [Fact]
    public void DeriveMac_UpstreamNodeIdVector()
    {
        var r = InProcessCli.Run("derive", "mac", "A34YUGenHKyhjDMAUKZe4cVDtJM2wQ4n4XRkfGUUEYdy");
        Assert.Equal(ExitCodes.Ok, r.ExitCode);
        Assert.Equal("8a:d3:36:10:7e:e9\n", r.Out);
    }

    [Fact]
    public void DeriveMac_Hex_UpstreamByteVector() =>
        Assert.Equal("9e:5e:d6:78:fe:57\n", InProcessCli.Run("derive", "mac", "--hex", "42").Out);

    [Fact]
    public void DeriveMac_EmptyText_UpstreamEmptyVector() =>
        Assert.Equal("d6:1d:8c:d9:8f:00\n", InProcessCli.Run("derive", "mac", "").Out);

    [Fact]
    public void DeriveMac_BadHex_ExitTwo()
    {
        var r = InProcessCli.Run("derive", "mac", "--hex", "4g");
        Assert.Equal(ExitCodes.Usage, r.ExitCode);
        Assert.Equal("zos: error: <text>: '4g' is not hex bytes (an even number of hex digits), as --hex wants\n", r.Err);
    }

    [Fact]
    public void DeriveNodeMacs_PrintsThreeDerivedMacs()
    {
        var r = InProcessCli.Run("derive", "node-macs", "A34YUGenHKyhjDMAUKZe4cVDtJM2wQ4n4XRkfGUUEYdy");
        Assert.Equal(ExitCodes.Ok, r.ExitCode);
        var lines = r.Out.TrimEnd('\n').Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("npub4   ", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("npub6   ", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("public  ", lines[2], StringComparison.Ordinal);
        var npub4 = InProcessCli.Run("derive", "mac", "A34YUGenHKyhjDMAUKZe4cVDtJM2wQ4n4XRkfGUUEYdy-ndmz4").Out.Trim();
        Assert.Equal("npub4   " + npub4, lines[0]);
    }
}
