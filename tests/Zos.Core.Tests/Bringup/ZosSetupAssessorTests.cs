using System.Net;
using Xunit;
using Zos.Core.Bringup;
using static Zos.Core.Tests.Bringup.Probes;

namespace Zos.Core.Tests.Bringup;

public class ZosSetupAssessorTests
{
    private static readonly ObservedZosSetup s_healthy = new(
        true, true, Mac(1), true, false,
        [new ObservedPort("eth0", Mac(1), true, true, true)],
        [IPAddress.Parse("10.0.0.5")], [], true);

    [Fact]
    public void Assess_NoBridge_Absent() =>
        Assert.Equal(ZosSetupVerdict.Absent, ZosSetupAssessor.Assess(ObservedZosSetup.Absent, false).Verdict);

    [Fact]
    public void Assess_WorkingSetup_KeptWithoutActions()
    {
        var plan = ZosSetupAssessor.Assess(s_healthy, false);

        Assert.Equal(new ZosSetupPlan(ZosSetupVerdict.Healthy, "eth0", [], "zos bridge with eth0 and an address is up"), plan);
    }

    [Fact]
    public void Assess_Ipv6OnlySetupWithRoute_Kept()
    {
        var plan = ZosSetupAssessor.Assess(s_healthy with { Ipv4Addresses = [], GlobalIpv6Addresses = [IPAddress.Parse("2001:db8::5")] }, false);

        Assert.Equal(ZosSetupVerdict.Healthy, plan.Verdict);
    }

    [Fact]
    public void Assess_NoAddressAndIpv6OnNic_RepairedNotRebuilt()
    {
        var observed = s_healthy with
        {
            Ipv4Addresses = [IPAddress.Parse("169.254.3.3")],
            Ports = [new ObservedPort("eth0", Mac(1), true, false, false)],
        };

        var plan = ZosSetupAssessor.Assess(observed, false);

        Assert.Equal(ZosSetupVerdict.HalfDone, plan.Verdict);
        Assert.Equal("eth0", plan.KeptNic);
        Assert.Equal(
            [new RepairAction(RepairKind.SetPortUp, "eth0"), new RepairAction(RepairKind.DisablePortIpv6, "eth0"), new RepairAction(RepairKind.AwaitLease)],
            plan.Actions);
        Assert.Equal("eth0 down, IPv6 enabled on eth0, no address on zos", plan.Reason);
    }

    [Fact]
    public void Assess_BridgeWithoutNic_ProbeAndAttach()
    {
        var plan = ZosSetupAssessor.Assess(s_healthy with { Ports = [], Ipv4Addresses = [], IsUp = false }, false);

        Assert.Null(plan.KeptNic);
        Assert.Equal(
            [new RepairAction(RepairKind.ProbeAndAttach), new RepairAction(RepairKind.SetBridgeUp), new RepairAction(RepairKind.AwaitLease)],
            plan.Actions);
    }

    [Fact]
    public void Assess_TwoNicsEnslaved_KeepsTheOneWithBridgeMac()
    {
        var observed = s_healthy with
        {
            Mac = Mac(2),
            Ports = [new ObservedPort("eth0", Mac(1), true, true, true), new ObservedPort("eth1", Mac(2), true, true, true)],
        };

        var plan = ZosSetupAssessor.Assess(observed, false);

        Assert.Equal("eth1", plan.KeptNic);
        Assert.Equal([new RepairAction(RepairKind.ReleasePort, "eth0")], plan.Actions);
    }

    [Fact]
    public void Assess_BridgeMacDiffers_SetBridgeMac()
    {
        var plan = ZosSetupAssessor.Assess(s_healthy with { Mac = Mac(9) }, false);

        Assert.Equal([new RepairAction(RepairKind.SetBridgeMac, "eth0")], plan.Actions);
    }

    [Fact]
    public void Assess_VlanFilteringWantedButOff_Repaired()
    {
        var plan = ZosSetupAssessor.Assess(s_healthy, vlanFilteringWanted: true);

        Assert.Equal([new RepairAction(RepairKind.SetVlanFiltering)], plan.Actions);
    }

    [Fact]
    public void Assess_ZosIsNotABridge_DeleteAndProbe()
    {
        var plan = ZosSetupAssessor.Assess(s_healthy with { IsBridge = false }, false);

        Assert.Equal([new RepairAction(RepairKind.DeleteForeignLink), new RepairAction(RepairKind.ProbeAndAttach)], plan.Actions);
    }
}
