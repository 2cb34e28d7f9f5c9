using System.Net;
using Xunit;
using Zos.Core.Primitives;

namespace Zos.Core.Tests.Primitives;

public class AddressParsingTests
{
    [Theory]
    [InlineData("10.1")]
    [InlineData("10.0.0")]
    [InlineData("010.0.0.1")]
    [InlineData("0x7f.0.0.1")]
    [InlineData("1.2.3.4.5")]
    [InlineData("256.1.1.1")]
    [InlineData("fe80::1%eth0")]
    [InlineData("10.0.0.1/24")]
    [InlineData("")]
    [InlineData("host.example")]
    public void IpAddressText_TryParse_RejectsAmbiguousForms(string text) =>
        Assert.False(IpAddressText.TryParse(text, out _));

    [Theory]
    [InlineData("10.0.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("2001:db8::1")]
    [InlineData("::ffff:1.2.3.4")]
    public void IpAddressText_TryParse_AcceptsPlainForms(string text)
    {
        Assert.True(IpAddressText.TryParse(text, out var ip));
        Assert.Equal(IPAddress.Parse(text), ip);
    }

    [Fact]
    public void InterfaceAddress_KeepsHostBits()
    {
        var a = InterfaceAddress.Parse("185.69.166.121/24");
        Assert.Equal(IPAddress.Parse("185.69.166.121"), a.Address);
        Assert.Equal(24, a.PrefixLength);
        Assert.Equal(IPNetwork.Parse("185.69.166.0/24"), a.Network);
        Assert.Equal("185.69.166.121/24", a.ToString());
    }

    [Theory]
    [InlineData("10.0.0.1")]
    [InlineData("10.0.0.1/")]
    [InlineData("/24")]
    [InlineData("10.0.0.1/33")]
    [InlineData("10.0.0.1/-1")]
    [InlineData("10.0.0.1/2a")]
    [InlineData("2001:db8::1/129")]
    [InlineData("10.1/8")]
    public void InterfaceAddress_TryParse_Rejects(string text) => Assert.False(InterfaceAddress.TryParse(text, out _));

    [Fact]
    public void InterfaceAddress_Parse_BadText_NamesValue() =>
        Assert.Equal("'x/1' is not an address with a prefix length (e.g. 198.51.100.10/24)",
            Assert.Throws<FormatException>(() => InterfaceAddress.Parse("x/1")).Message);

    [Fact]
    public void IpMath_NetworkOf_ClearsHostBits()
    {
        Assert.Equal(IPNetwork.Parse("10.20.0.0/14"), IpMath.NetworkOf(IPAddress.Parse("10.23.4.5"), 14));
        Assert.Equal(IPNetwork.Parse("2001:db8:100::/48"), IpMath.NetworkOf(IPAddress.Parse("2001:db8:100:5::1"), 48));
        Assert.Equal(IPNetwork.Parse("0.0.0.0/0"), IpMath.NetworkOf(IPAddress.Parse("1.2.3.4"), 0));
    }

    [Theory]
    [InlineData("198.51.100.0/24", "198.51.100.255")]
    [InlineData("10.0.0.0/8", "10.255.255.255")]
    [InlineData("192.0.2.8/29", "192.0.2.15")]
    [InlineData("192.0.2.8/32", "192.0.2.8")]
    public void IpMath_LastAddress(string network, string last) =>
        Assert.Equal(IPAddress.Parse(last), IpMath.LastAddress(IPNetwork.Parse(network)));

    [Theory]
    [InlineData("192.0.2.0/24", "192.0.2.0", false)]
    [InlineData("192.0.2.0/24", "192.0.2.255", false)]
    [InlineData("192.0.2.0/24", "192.0.2.1", true)]
    [InlineData("192.0.2.0/24", "192.0.3.1", false)]
    [InlineData("192.0.2.0/31", "192.0.2.0", true)]
    [InlineData("2001:db8::/64", "2001:db8::", true)]
    public void IpMath_IsHostAddress(string network, string address, bool expected) =>
        Assert.Equal(expected, IpMath.IsHostAddress(IPNetwork.Parse(network), IPAddress.Parse(address)));

    [Fact]
    public void IpMath_Size() => Assert.Equal(256, (int)IpMath.Size(IPNetwork.Parse("10.0.0.0/24")));
}
