using System.Net;
using Xunit;
using Zos.Core.Primitives;

namespace Zos.Core.Tests.Primitives;

public class AddressClassifierTests
{
    // valip's private list (boot-and-registry.md §3.2), each range's first and last address.
    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("0.255.255.255")]
    [InlineData("10.0.0.0")]
    [InlineData("10.255.255.255")]
    [InlineData("100.64.0.0")]
    [InlineData("100.127.255.255")]
    [InlineData("127.0.0.1")]
    [InlineData("169.254.1.1")]
    [InlineData("172.16.0.0")]
    [InlineData("172.31.255.255")]
    [InlineData("192.0.2.1")]
    [InlineData("192.168.0.1")]
    [InlineData("198.18.0.1")]
    [InlineData("198.19.255.255")]
    [InlineData("198.51.100.7")]
    [InlineData("203.0.113.9")]
    [InlineData("255.255.255.255")]
    [InlineData("fc00::1")]
    [InlineData("fdff::1")]
    [InlineData("fe80::1")]
    [InlineData("::1")]
    [InlineData("::")]
    [InlineData("2001:db8::1")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("ff02::1")]
    public void IsPublic_SpecialPurpose_False(string address) =>
        Assert.False(AddressClassifier.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("9.255.255.255")]
    [InlineData("11.0.0.0")]
    [InlineData("100.63.255.255")]
    [InlineData("100.128.0.0")]
    [InlineData("172.15.255.255")]
    [InlineData("172.32.0.0")]
    [InlineData("185.69.166.121")]
    [InlineData("2a02:1802:5e::1")]
    [InlineData("2606:4700:4700::1111")]
    public void IsPublic_GlobalUnicast_True(string address)
    {
        var ip = IPAddress.Parse(address);
        Assert.True(AddressClassifier.IsPublic(ip));
        Assert.True(AddressClassifier.IsUnicast(ip));
        Assert.Equal(AddressCategory.Public, AddressClassifier.Classify(ip));
    }

    [Theory]
    [InlineData("192.0.2.1")]
    [InlineData("198.51.100.1")]
    [InlineData("203.0.113.1")]
    [InlineData("2001:db8:1::1")]
    [InlineData("3fff::1")]
    public void IsPublic_Documentation_OnlyWhenAllowed(string address)
    {
        var ip = IPAddress.Parse(address);
        Assert.Equal(AddressCategory.Documentation, AddressClassifier.Classify(ip));
        Assert.False(AddressClassifier.IsPublic(ip));
        Assert.True(AddressClassifier.IsPublic(ip, allowDocumentationRanges: true));
    }

    [Theory]
    [InlineData("223.255.255.255", true)]
    [InlineData("224.0.0.1", false)]
    [InlineData("240.0.0.1", false)]
    [InlineData("255.255.255.255", false)]
    [InlineData("2001:db8::1", true)]
    [InlineData("ff05::2", false)]
    [InlineData("::", false)]
    public void IsUnicast_FirstOctetBelow224(string address, bool expected) =>
        Assert.Equal(expected, AddressClassifier.IsUnicast(IPAddress.Parse(address)));

    [Theory]
    [InlineData("10.1.2.3", AddressCategory.Private)]
    [InlineData("100.64.1.1", AddressCategory.SharedAddressSpace)]
    [InlineData("169.254.0.1", AddressCategory.LinkLocal)]
    [InlineData("198.18.0.1", AddressCategory.Benchmarking)]
    [InlineData("240.1.1.1", AddressCategory.Reserved)]
    [InlineData("100::1", AddressCategory.Discard)]
    [InlineData("2001:2::1", AddressCategory.Benchmarking)]
    [InlineData("::ffff:10.0.0.1", AddressCategory.Ipv4Mapped)]
    public void Classify_Categories(string address, AddressCategory expected) =>
        Assert.Equal(expected, AddressClassifier.Classify(IPAddress.Parse(address)));

    [Theory]
    [InlineData("10.0.0.1", true)]
    [InlineData("fd00::1", true)]
    [InlineData("fe80::1", true)]
    [InlineData("8.8.8.8", false)]
    [InlineData("198.51.100.1", false)]
    public void IsPrivate_MatchesNicSelectionList(string address, bool expected) =>
        Assert.Equal(expected, AddressClassifier.IsPrivate(IPAddress.Parse(address)));
}
