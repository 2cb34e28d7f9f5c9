using System.Net;
using Zos.Core.Bringup;
using Zos.Core.Public;
using Zos.Core.Tests.Bringup;
using Xunit;

namespace Zos.Core.Tests.Public;

public class PublicNicProbeTests
{
    [Fact]
    public void From_GlobalSlaacWithRouter_PublicIpv6()
    {
        Assert.Equal(new PublicNicProbe("eth1", true, true, false), PublicNicProbe.From(Probes.V6("eth1", 1, "2001:db8:a::5")));
    }

    [Fact]
    public void From_UlaOnly_NotPublic()
    {
        Assert.Equal(new PublicNicProbe("eth1", true, false, false), PublicNicProbe.From(Probes.V6("eth1", 1, "fd12::5")));
    }

    [Fact]
    public void From_GlobalAddressWithoutRouter_NotPublic()
    {
        Assert.False(PublicNicProbe.From(Probes.V6("eth1", 1, "2001:db8:a::5", router: null)).PublicIpv6);
    }

    [Fact]
    public void From_PublicDhcpLease_PublicIpv4()
    {
        Assert.Equal(new PublicNicProbe("eth2", true, false, true), PublicNicProbe.From(Probes.V4("eth2", 2, "203.0.113.50", "203.0.113.1")));
    }

    [Theory]
    [InlineData("10.0.0.50", "10.0.0.1")]
    [InlineData("192.168.1.50", "192.168.1.1")]
    [InlineData("100.64.3.50", "100.64.3.1")]
    public void From_PrivateOrSharedLease_NotPublic(string address, string router)
    {
        Assert.False(PublicNicProbe.From(Probes.V4("eth2", 2, address, router)).PublicIpv4);
    }

    [Fact]
    public void From_LeaseWithoutRouter_NotPublic()
    {
        Assert.False(PublicNicProbe.From(Probes.V4("eth2", 2, "203.0.113.50")).PublicIpv4);
    }

    [Fact]
    public void From_Unplugged_NotPluggedNorPublic()
    {
        Assert.Equal(new PublicNicProbe("eth3", false, false, false), PublicNicProbe.From(Probes.Unplugged("eth3", 3)));
    }

    [Fact]
    public void From_ProbeError_NothingPublicEvenWithALease()
    {
        var failed = Probes.V4("eth2", 2, "203.0.113.50", "203.0.113.1") with { Error = "move failed" };

        Assert.Equal(new PublicNicProbe("eth2", true, false, false), PublicNicProbe.From(failed));
    }

    [Fact]
    public void From_BothFamilies_Both()
    {
        var both = new NicProbeResult("eth1", Probes.Mac(1), true,
            new DhcpLease(IPAddress.Parse("198.51.100.9"), 24, [IPAddress.Parse("198.51.100.1")], [], null, TimeSpan.FromHours(1)),
            new Ipv6Observation([IPAddress.Parse("2001:db8:c::9")], IPAddress.Parse("fe80::1")));

        Assert.Equal(new PublicNicProbe("eth1", true, true, true), PublicNicProbe.From(both));
    }
}
