using Microsoft.Extensions.Logging.Abstractions;
using Xunit;
using Zos.Boot.Hosting;

namespace Zos.Boot.Tests.Hosting;

/// <summary>`zos boot serve`'s checks, refused before anything is served, each naming its option.</summary>
public sealed class BootServeHostTests
{
    private static readonly BootServeRequest s_fromFile = new() { ConfigFile = "/nonexistent/boot.yaml", NoTftp = true, HttpUrl = "http://127.0.0.1:0" };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly Dictionary<string, BootServeRequest> s_bad = new(StringComparer.Ordinal)
    {
        ["mode"] = s_fromFile with { Mode = "half" },
        ["no source"] = s_fromFile with { ConfigFile = null },
        ["registry without farm"] = s_fromFile with { ConfigFile = null, RegistryUrl = "http://127.0.0.1:1" },
        ["image and kernel dir"] = s_fromFile with { ImageDirectory = "/nonexistent/image", KernelDirectory = "/nonexistent/kernels" },
        ["dhcp without interface"] = s_fromFile with { Dhcp = true },
        ["unknown interface"] = s_fromFile with { Interface = "nosuch0" },
        ["tftp root"] = s_fromFile with { NoTftp = false, TftpRoot = "/nonexistent/tftp" },
        ["kernel dir"] = s_fromFile with { KernelDirectory = "/nonexistent/kernels" },
    };

    [Theory]
    [InlineData("mode", "--mode: 'half' is not a mode (expected full or proxy)")]
    [InlineData("no source", "give --config FILE, or --registry URL with --farm ID")]
    [InlineData("registry without farm", "give --config FILE, or --registry URL with --farm ID")]
    [InlineData("image and kernel dir", "--image and --kernel-dir both name what /kernel/ serves: give one")]
    [InlineData("dhcp without interface", "--dhcp needs --interface (the LAN to serve)")]
    [InlineData("unknown interface", "--interface: no interface named 'nosuch0'")]
    [InlineData("tftp root", "--tftp-root: '/nonexistent/tftp' is not a directory")]
    [InlineData("kernel dir", "--kernel-dir: '/nonexistent/kernels' is not a directory")]
    public async Task RunAsync_BadOption_UsageNamingIt(string option, string message)
    {
        using var output = new StringWriter();

        var e = await Assert.ThrowsAsync<BootServeException>(() => new BootServeHost(output, NullLoggerFactory.Instance).RunAsync(s_bad[option], Ct));

        Assert.Equal((BootServeFailure.Usage, message), (e.Failure, e.Message));
        Assert.Equal("", output.ToString());
    }

    [Fact]
    public async Task RunAsync_UnreadableConfiguration_InvalidNamingTheFile()
    {
        using var output = new StringWriter();

        var e = await Assert.ThrowsAsync<BootServeException>(() => new BootServeHost(output, NullLoggerFactory.Instance).RunAsync(s_fromFile, Ct));

        Assert.Equal(BootServeFailure.Invalid, e.Failure);
        Assert.StartsWith("/nonexistent/boot.yaml: cannot read the boot configuration: ", e.Message, StringComparison.Ordinal);
    }
}
