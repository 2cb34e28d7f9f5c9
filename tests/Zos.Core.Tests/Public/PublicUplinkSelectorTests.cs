using Zos.Core.Public;
using Xunit;

namespace Zos.Core.Tests.Public;

public class PublicUplinkSelectorTests
{
    private static readonly PublicNicProbe Eth1V6 = new("eth1", Plugged: true, PublicIpv6: true, PublicIpv4: false);
    private static readonly PublicNicProbe Eth2V4 = new("eth2", Plugged: true, PublicIpv6: false, PublicIpv4: true);
    private static readonly PublicNicProbe Eth3Dark = new("eth3", Plugged: true, PublicIpv6: false, PublicIpv4: false);
    private static readonly PublicNicProbe Eth4Unplugged = new("eth4", Plugged: false, PublicIpv6: false, PublicIpv4: false);

    [Fact]
    public void Choose_DeclaredNic_WinsOverDetection()
    {
        var choice = PublicUplinkSelector.Choose("eth3", null, [Eth1V6, Eth3Dark]);

        Assert.Equal(new PublicUplinkChoice(PublicUplinkKind.Nic, "eth3", "declared by the farmer: eth3"), choice);
    }

    [Fact]
    public void Choose_DeclaredNicMissing_SingleNicNamingIt()
    {
        var choice = PublicUplinkSelector.Choose("eth9", null, [Eth1V6]);

        Assert.Equal(PublicUplinkChoice.SingleNic("declared NIC 'eth9' is not an available NIC of this node (eth1); single-NIC until it appears"), choice);
    }

    [Fact]
    public void Choose_DeclaredZos_SingleNic()
    {
        Assert.Equal(PublicUplinkKind.SingleNic, PublicUplinkSelector.Choose("zos", null, [Eth1V6]).Kind);
    }

    [Fact]
    public void Choose_Ipv4OnlySecondNic_Detected()
    {
        // The original needs SLAAC and never detects an IPv4-only public segment (reference §3.2).
        var choice = PublicUplinkSelector.Choose(null, null, [Eth3Dark, Eth2V4, Eth4Unplugged]);

        Assert.Equal(new PublicUplinkChoice(PublicUplinkKind.Nic, "eth2", "detected: eth2 got public IPv4 by DHCP"), choice);
    }

    [Fact]
    public void Choose_TwoPublicNics_FirstByNameEveryTime()
    {
        Assert.Equal("eth1", PublicUplinkSelector.Choose(null, null, [Eth2V4, Eth1V6]).Nic);
        Assert.Equal("eth1", PublicUplinkSelector.Choose(null, null, [Eth1V6, Eth2V4]).Nic);
    }

    [Fact]
    public void Choose_PersistedNicStillPlugged_KeptEvenWhenAnotherIsPublic()
    {
        var persisted = new PublicUplinkChoice(PublicUplinkKind.Nic, "eth3", "detected earlier");

        var choice = PublicUplinkSelector.Choose(null, persisted, [Eth1V6, Eth3Dark]);

        Assert.Equal(new PublicUplinkChoice(PublicUplinkKind.Nic, "eth3", "kept from an earlier run: eth3"), choice);
    }

    [Fact]
    public void Choose_PersistedNicUnplugged_DetectsAgain()
    {
        var persisted = new PublicUplinkChoice(PublicUplinkKind.Nic, "eth4", "detected earlier");

        Assert.Equal("eth1", PublicUplinkSelector.Choose(null, persisted, [Eth1V6, Eth4Unplugged]).Nic);
    }

    [Fact]
    public void Choose_NoPublicNic_SingleNicListingCandidates()
    {
        var choice = PublicUplinkSelector.Choose(null, null, [Eth3Dark, Eth4Unplugged]);

        Assert.Equal(PublicUplinkChoice.SingleNic("no second NIC got a public address (eth3, eth4): single-NIC"), choice);
    }
}
