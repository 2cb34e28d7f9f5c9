using System.Net;
using Xunit;
using Zos.Core.Contracts;
using Zos.Core.Reconcile;

namespace Zos.Core.Tests.Reconcile;

public class EndpointCandidatesTests
{
    [Fact]
    public void From_PublicConfigAndZosAddresses_ConfigFirstThenGlobalV6ThenPublicV4()
    {
        var config = new PublicConfig(new PublicIpConfig("203.0.113.10/24", "203.0.113.1"), new PublicIpConfig("2001:db8:5::10/64", "2001:db8:5::1"));
        IPAddress[] zos =
        [
            IPAddress.Parse("198.51.100.7"),
            IPAddress.Parse("2001:db8:a::7"),
            IPAddress.Parse("fe80::7"),
        ];

        var hosts = EndpointCandidates.From(config, zos);

        Assert.Equal(["203.0.113.10", "2001:db8:5::10", "2001:db8:a::7", "198.51.100.7"], hosts);
    }

    [Theory]
    [InlineData("10.61.0.5")]
    [InlineData("192.168.1.5")]
    [InlineData("172.16.0.5")]
    [InlineData("100.64.3.5")]
    [InlineData("169.254.1.1")]
    [InlineData("fd12:3456::5")]
    [InlineData("fe80::5")]
    public void From_PrivateZosAddress_NotOffered(string address)
    {
        Assert.Empty(EndpointCandidates.From(null, [IPAddress.Parse(address)]));
    }

    [Fact]
    public void From_SameAddressInConfigAndOnZos_OfferedOnce()
    {
        var config = new PublicConfig(new PublicIpConfig("203.0.113.10/24", "203.0.113.1"));

        Assert.Equal(["203.0.113.10"], EndpointCandidates.From(config, [IPAddress.Parse("203.0.113.10")]));
    }

    [Theory]
    [InlineData("203.0.113.10", 3000, "203.0.113.10:3000")]
    [InlineData("2001:db8::1", 3001, "[2001:db8::1]:3001")]
    public void Format_Family_BracketsOnlyIpv6(string host, int port, string expected)
    {
        Assert.Equal(expected, EndpointCandidates.Format(host, port));
    }
}
