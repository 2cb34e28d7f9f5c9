using Xunit;
using Zos.Core.Bringup;

namespace Zos.Core.Tests.Bringup;

/// <summary>The single-switch trunk combinations of zos-networking.md §1.3 step 7 and §3.2, as bridge VLAN steps.</summary>
public class ZosVlanPlanTests
{
    private static string[] Nic(ushort? priv, ushort? pub) => [.. ZosVlanPlan.ForNic("eth0", priv, pub).Select(s => s.ToString())];

    [Fact]
    public void NoVlan_NoFilteringNoSteps()
    {
        Assert.False(ZosVlanPlan.NeedsFiltering(null, null));
        Assert.Empty(Nic(null, null));
        Assert.Empty(ZosVlanPlan.ForToZos(null));
    }

    [Fact]
    public void PrivateOnly_ManagementUntaggedOnZosTaggedOnTheWire_Vid1StaysForUntaggedPublic()
    {
        Assert.True(ZosVlanPlan.NeedsFiltering(10, null));
        Assert.Equal(
            ["bridge vlan del vid 1 dev zos self", "bridge vlan add vid 10 dev zos pvid untagged self", "bridge vlan add vid 10 dev eth0"],
            Nic(10, null));
    }

    [Fact]
    public void PublicOnly_Works_FilteringOnAndPublicTaggedOnTheNic()
    {
        // Upstream turned filtering on only with vlan:priv: a lone vlan:pub tagged nothing.
        Assert.True(ZosVlanPlan.NeedsFiltering(null, 20));
        Assert.Equal(["bridge vlan add vid 20 dev eth0"], Nic(null, 20));
        Assert.Equal(["bridge vlan del vid 1 dev tozos", "bridge vlan add vid 20 dev tozos pvid untagged"],
            ZosVlanPlan.ForToZos(20).Select(s => s.ToString()));
    }

    [Fact]
    public void Both_NothingUntaggedOnTheWire_BothTagged()
    {
        Assert.Equal(
            [
                "bridge vlan del vid 1 dev zos self", "bridge vlan add vid 10 dev zos pvid untagged self", "bridge vlan del vid 1 dev eth0",
                "bridge vlan add vid 10 dev eth0", "bridge vlan add vid 20 dev eth0",
            ],
            Nic(10, 20));
    }

    [Fact]
    public void SingleNic_ToZosGetsThePublicVidAsItsUntaggedPvid()
    {
        var steps = ZosVlanPlan.ForToZos(20);
        Assert.Contains(new BridgeVlanStep("tozos", 20, Add: true, Pvid: true, Untagged: true), steps);
        Assert.Contains(new BridgeVlanStep("tozos", 1, Add: false), steps);
    }

    [Fact]
    public void DualNic_PublicVlanOnBrPub_SelfPortUntaggedNicTagged()
    {
        Assert.Equal(
            ["bridge vlan del vid 1 dev br-pub self", "bridge vlan add vid 20 dev br-pub pvid untagged self", "bridge vlan del vid 1 dev eth1", "bridge vlan add vid 20 dev eth1"],
            ZosVlanPlan.ForPublicBridge("eth1", 20).Select(s => s.ToString()));
        Assert.Empty(ZosVlanPlan.ForPublicBridge("eth1", null));
    }
}
