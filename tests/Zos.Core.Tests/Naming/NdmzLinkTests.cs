using System.Net;
using Xunit;
using Zos.Core.Naming;

namespace Zos.Core.Tests.Naming;

public class NdmzLinkTests
{
    [Theory]
    [InlineData("100.127.1.5", "fd00::105")]
    [InlineData("100.127.0.2", "fd00::2")]
    [InlineData("100.127.255.254", "fd00::fffe")]
    public void Ipv6ForLease_UsesLastTwoOctets(string lease, string expected) =>
        Assert.Equal(IPAddress.Parse(expected), NdmzLink.Ipv6ForLease(IPAddress.Parse(lease)));

    [Fact]
    public void TonrsAddresses_AreTheFixedThree() =>
        Assert.Equal(["100.127.0.1/16", "fe80::1/64", "fd00::1/64"], NdmzLink.TonrsAddresses.Select(a => a.ToString()));

    [Fact]
    public void Pool_IsInsideReservedNdmzRange()
    {
        Assert.True(ReservedRanges.NdmzLink.Contains(NdmzLink.PoolStart));
        Assert.True(ReservedRanges.NdmzLink.Contains(NdmzLink.PoolEnd));
        Assert.True(ReservedRanges.NdmzLink6.Contains(NdmzLink.TonrsUla));
    }
}
