using System.Net;
using Xunit;
using Zos.Core.Naming;

namespace Zos.Core.Tests.Naming;

public class UlaAddressTests
{
    [Theory]
    [InlineData("10.20.3.1", "fd35:3642:5a4e:3::1")]
    [InlineData("10.20.3.2", "fd35:3642:5a4e:3::2")]
    [InlineData("10.20.10.254", "fd35:3642:5a4e:a::fe")]
    public void Convert4to6_ReferenceNetId_MatchesUpstream(string ipv4, string expected)
    {
        var netId = NetId.Derive("42", "mynet");
        Assert.Equal(IPAddress.Parse(expected), UlaAddress.Convert4to6(netId, IPAddress.Parse(ipv4)));
    }

    [Fact]
    public void Convert4to6_UsesNetIdAsciiBytesNotHash()
    {
        Assert.True(NetId.TryParse("zzzzzzzzzzzzz", out var id));
        // 'z' is 0x7a: the prefix is made of the NetID's characters themselves.
        Assert.Equal(IPAddress.Parse("fd7a:7a7a:7a7a:1::1"), UlaAddress.Convert4to6(id, IPAddress.Parse("10.1.1.1")));
    }

    [Fact]
    public void Convert4to6_Ipv6Input_Throws() =>
        Assert.Throws<ArgumentException>(() => UlaAddress.Convert4to6(NetId.Derive("1", "x"), IPAddress.IPv6Loopback));

    [Fact]
    public void PrefixForSubnet_ReturnsSlash64()
    {
        var prefix = UlaAddress.PrefixForSubnet(NetId.Derive("42", "mynet"), IPNetwork.Parse("10.20.3.0/24"));
        Assert.Equal(IPNetwork.Parse("fd35:3642:5a4e:3::/64"), prefix);
    }
}
