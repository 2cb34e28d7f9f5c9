using Xunit;
using Zos.Linux.Netlink;
using Zos.Linux.Tests.Infrastructure;
using Zos.Testing;

namespace Zos.Linux.Tests.Netlink;

public class VlanLinkTests
{
    [Fact]
    [Trait(KernelVm.Trait, KernelVm.TraitValue)]
    public void CreateVlan_OnAVeth_IpShowsThe8021qIdAndParent()
    {
        Require.Privileged("ip");
        using var s = new ScratchNamespace();
        s.Netlink.CreateVeth("t0", "t1");
        if (KernelVm.RanInVm("802.1Q", () =>
        {
            try
            {
                s.Netlink.CreateVlan("t0.4093", "t0", 4093);
                s.Netlink.DeleteLink("t0.4093");
                return true;
            }
            catch (NetlinkKernelException)
            {
                return false;
            }
        }))
            return;

        // An 802.1Q link goes up only on a lower link that is up (vlan_dev_open: ENETDOWN otherwise), as the probe does.
        s.Netlink.SetUp("t0");
        s.Netlink.CreateVlan("t0.42", "t0", 42, new LinkCreateOptions { Up = true });

        var link = IpJson.Link(s.Name, "t0.42")!.Value;
        var info = link.GetProperty("linkinfo");
        Assert.Equal("vlan", info.GetProperty("info_kind").GetString());
        Assert.Equal(42, info.GetProperty("info_data").GetProperty("id").GetInt32());
        Assert.Equal("t0", link.GetProperty("link").GetString());
    }

    [Fact]
    public void CreateVlan_IdOutOfRange_RefusedNamingTheLinkAndValue()
    {
        Require.Privileged("ip");
        using var s = new ScratchNamespace();
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => s.Netlink.CreateVlan("t0.0", "t0", 0));
        Assert.Contains("VLAN id of t0.0 must be 1 to 4094, got 0", e.Message, StringComparison.Ordinal);
    }
}
