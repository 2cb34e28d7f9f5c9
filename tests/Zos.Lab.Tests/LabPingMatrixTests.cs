using Xunit;
using Zos.Lab.Runtime;

namespace Zos.Lab.Tests;

public sealed class LabPingMatrixTests
{
    private static readonly LabPing[] s_pings =
    [
        new("dc-farm/node1", "home-farm/home1", "fd33:5477:585a:5::2", false, "exit 1"),
        new("dc-farm/node1", "home-farm/home1", "10.80.5.2", true, null),
        new("home-farm/home1", "dc-farm/node1", "fd33:5477:585a:2::2", true, null),
        new("home-farm/home1", "dc-farm/node1", "10.80.2.2", true, null),
        new("laptop", "dc-farm/node1", "10.80.2.2", false, ""),
    ];

    [Fact]
    public void Cell_Ipv6FailedIpv4Answered_Ipv6FirstThenIpv4()
    {
        Assert.Equal("v6 FAIL v4 ok", LabPingMatrix.Cell(s_pings, "dc-farm/node1", "home-farm/home1"));
        Assert.Equal("v6 ok v4 ok", LabPingMatrix.Cell(s_pings, "home-farm/home1", "dc-farm/node1"));
        Assert.Equal("v4 FAIL", LabPingMatrix.Cell(s_pings, "laptop", "dc-farm/node1"));
    }

    [Fact]
    public void Cell_PairNotPinged_Empty() => Assert.Equal("", LabPingMatrix.Cell(s_pings, "laptop", "home-farm/home1"));

    [Fact]
    public void SourcesAndDestinations_SourcesFirstSeenDestinationsInSourceOrder()
    {
        Assert.Equal(["dc-farm/node1", "home-farm/home1", "laptop"], LabPingMatrix.Sources(s_pings));
        Assert.Equal(["dc-farm/node1", "home-farm/home1"], LabPingMatrix.Destinations(s_pings));
    }

    [Fact]
    public void Failures_EachUnansweredPing_NamesPairFamilyAddressAndDetail()
    {
        Assert.Equal(
        [
            "dc-farm/node1 → home-farm/home1 over IPv6 (fd33:5477:585a:5::2): exit 1",
            "laptop → dc-farm/node1 over IPv4 (10.80.2.2): no answer",
        ], LabPingMatrix.Failures(s_pings));
    }

    [Fact]
    public void LabDemoResult_CountsPerFamily()
    {
        var result = new LabDemoResult("3TwXZxMGhWFok", s_pings, null, []);
        Assert.Equal(3, result.Ipv4.Count);
        Assert.Equal(2, result.Ipv6.Count);
        Assert.False(result.AllAnswered);
    }

    [Fact]
    public void WgQuickAddresses_Ipv4AndIpv6OnOneLine_BothWithoutPrefixLengths()
    {
        const string conf = "[Interface]\nAddress = 100.64.80.6/32, fd33:5477:585a:6::1/128\nPrivateKey = x\n\n[Peer]\nAllowedIPs = 10.80.0.0/16\n";
        Assert.Equal(["100.64.80.6", "fd33:5477:585a:6::1"], LabDemo.WgQuickAddresses(conf));
    }

    [Fact]
    public void WgQuickAddresses_NoAddressLine_Empty() => Assert.Empty(LabDemo.WgQuickAddresses("[Interface]\nPrivateKey = x\n"));
}
