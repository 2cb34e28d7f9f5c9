using System.Net;
using Xunit;
using Zos.Core.Bringup;
using static Zos.Core.Tests.Bringup.Probes;

namespace Zos.Core.Tests.Bringup;

public class ZosNicSelectorTests
{
    [Fact]
    public void Choose_SmallestAddress_WinsAsInOriginalUnitTest()
    {
        var selection = ZosNicSelector.Choose([V4("eth1", 2, "172.20.0.97", "172.20.0.1"), V4("eth0", 1, "172.20.0.96", "172.20.0.1")]);

        Assert.Equal("eth0", selection.Chosen?.Name);
        Assert.Equal(AddressFamilyChoice.Ipv4, selection.Family);
        Assert.Equal("address 172.20.0.97 is larger than 172.20.0.96 (eth0)", selection.WhyNot["eth1"]);
    }

    [Fact]
    public void Choose_PrivateGateway_WinsOverSmallerAddressWithPublicGateway()
    {
        var selection = ZosNicSelector.Choose([V4("eth0", 1, "192.0.2.10", "192.0.2.1"), V4("eth1", 2, "10.1.0.50", "10.1.0.1")]);

        Assert.Equal("eth1", selection.Chosen?.Name);
        Assert.Equal("public gateway; eth1 has a private one", selection.WhyNot["eth0"]);
    }

    [Fact]
    public void Choose_SeveralRouters_AnyPrivateOneCounts()
    {
        var multi = V4("eth1", 2, "198.51.100.20", "198.51.100.1", "192.168.1.1");
        var selection = ZosNicSelector.Choose([V4("eth0", 1, "192.0.2.10", "192.0.2.1"), multi]);

        Assert.Equal("eth1", selection.Chosen?.Name);
    }

    [Fact]
    public void Choose_SeveralPublicRouters_NicStillUsable()
    {
        var selection = ZosNicSelector.Choose([V4("eth0", 1, "192.0.2.10", "192.0.2.1", "192.0.2.2")]);

        Assert.Equal("eth0", selection.Chosen?.Name);
    }

    [Fact]
    public void Choose_FourNics_ReasonsForEachUnchosen()
    {
        var selection = ZosNicSelector.Choose(
        [
            Unplugged("eth0", 1),
            Silent("eth1", 2),
            V4("eth2", 3, "10.0.0.5", "10.0.0.1"),
            V6("eth3", 4, "2001:db8:1::5"),
        ]);

        Assert.Equal("eth2", selection.Chosen?.Name);
        Assert.Equal("no carrier", selection.WhyNot["eth0"]);
        Assert.Equal("no offer", selection.WhyNot["eth1"]);
        Assert.Equal("IPv6 only; eth2 has IPv4", selection.WhyNot["eth3"]);
        Assert.False(selection.WhyNot.ContainsKey("eth2"));
    }

    [Fact]
    public void Choose_LeaseWithoutRouter_NoRouter()
    {
        var selection = ZosNicSelector.Choose([V4("eth0", 1, "10.0.0.5")]);

        Assert.Null(selection.Chosen);
        Assert.Equal("no router", selection.WhyNot["eth0"]);
    }

    [Fact]
    public void Choose_Ipv6Only_AcceptedWhenNoIpv4()
    {
        var selection = ZosNicSelector.Choose([Silent("eth0", 1), V6("eth1", 2, "2001:db8:2::9"), V6("eth2", 3, "2001:db8:1::9")]);

        Assert.Equal("eth2", selection.Chosen?.Name);
        Assert.Equal(AddressFamilyChoice.Ipv6Only, selection.Family);
        Assert.Equal("IPv6 address larger than eth2's", selection.WhyNot["eth1"]);
    }

    [Fact]
    public void Choose_Ipv6WithoutRaRoute_NotAccepted()
    {
        var selection = ZosNicSelector.Choose([V6("eth0", 1, "2001:db8:1::9", router: null)]);

        Assert.Null(selection.Chosen);
        Assert.Equal("no offer", selection.WhyNot["eth0"]);
    }

    [Fact]
    public void Choose_PinnedMacThatWorks_WinsOverBetterNic()
    {
        var selection = ZosNicSelector.Choose([V4("eth0", 1, "10.0.0.5", "10.0.0.1"), V4("eth1", 2, "192.0.2.7", "192.0.2.1")], Mac(2));

        Assert.Equal("eth1", selection.Chosen?.Name);
        Assert.Equal("management NIC pinned to 02:00:00:00:00:02", selection.WhyNot["eth0"]);
    }

    [Fact]
    public void Choose_PinnedMacDead_FallsBackAndSaysWhy()
    {
        var selection = ZosNicSelector.Choose([V4("eth0", 1, "10.0.0.5", "10.0.0.1"), Unplugged("eth1", 2)], Mac(2));

        Assert.Equal("eth0", selection.Chosen?.Name);
        Assert.Equal("pinned, but no carrier", selection.WhyNot["eth1"]);
    }

    [Fact]
    public void Choose_NothingWorks_NoChoice()
    {
        var selection = ZosNicSelector.Choose([Unplugged("eth0", 1), Silent("eth1", 2)]);

        Assert.False(selection.Succeeded);
        Assert.Null(selection.Family);
    }

    [Fact]
    public void Choose_ProbeError_ReportedWithDetail()
    {
        var broken = Silent("eth0", 1) with { Error = "cannot create namespace eth0: File exists" };

        var selection = ZosNicSelector.Choose([broken]);

        Assert.Equal("probe failed: cannot create namespace eth0: File exists", selection.WhyNot["eth0"]);
    }

    [Fact]
    public void Choose_EqualAddresses_TieBrokenByName()
    {
        var selection = ZosNicSelector.Choose([V4("eth9", 2, "10.0.0.5", "10.0.0.1"), V4("eth1", 1, "10.0.0.5", "10.0.0.1")]);

        Assert.Equal("eth1", selection.Chosen?.Name);
    }

    [Theory]
    [InlineData("10.1.2.3", true)]
    [InlineData("172.31.0.1", true)]
    [InlineData("172.32.0.1", false)]
    [InlineData("192.168.0.1", true)]
    [InlineData("169.254.1.1", true)]
    [InlineData("192.0.2.1", false)]
    [InlineData("fe80::1", true)]
    [InlineData("fd12::1", true)]
    [InlineData("2001:db8::1", false)]
    public void IsPrivate_OriginalRanges_Classified(string address, bool expected) =>
        Assert.Equal(expected, PrivateAddresses.IsPrivate(IPAddress.Parse(address)));
}
