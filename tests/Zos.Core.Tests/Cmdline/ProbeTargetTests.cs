using Xunit;
using Zos.Core.Cmdline;

namespace Zos.Core.Tests.Cmdline;

public class ProbeTargetTests
{
    [Theory]
    [InlineData("192.0.2.1:443", "192.0.2.1:443")]
    [InlineData("[2001:db8::1]:53", "[2001:db8::1]:53")]
    [InlineData("203.0.113.9:1", "203.0.113.9:1")]
    [InlineData("2001:db8::1.443", "[2001:db8::1]:443")]
    [InlineData("::ffff:192.0.2.1.443", "[::ffff:192.0.2.1]:443")]
    public void TryParse_AddressAndPort_RoundTrips(string text, string expected)
    {
        Assert.True(ProbeTarget.TryParse(text, out var target));
        Assert.Equal(expected, target.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("192.0.2.1")]
    [InlineData("192.0.2.1:")]
    [InlineData("192.0.2.1:0")]
    [InlineData("192.0.2.1:65536")]
    [InlineData("2001:db8::1:443")]
    [InlineData("[192.0.2.1]:443")]
    [InlineData("registry.zos.network:443")]
    [InlineData("10:443")]
    [InlineData("2001:db8::1")]
    [InlineData("192.0.2.1.443")]
    [InlineData("[2001:db8::1]443")]
    public void TryParse_NotAddressAndPort_Refused(string text) => Assert.False(ProbeTarget.TryParse(text, out _));

    [Theory]
    [InlineData("192.0.2.1:443")]
    [InlineData("[2001:db8:ffff::fe]:443")]
    public void ToCommandLine_HasNoBrackets_AndReadsBack(string text)
    {
        Assert.True(ProbeTarget.TryParse(text, out var target));
        var line = target.ToCommandLine();
        Assert.DoesNotContain('[', line);
        Assert.True(ProbeTarget.TryParse(line, out var again));
        Assert.Equal(target, again);
    }
}
