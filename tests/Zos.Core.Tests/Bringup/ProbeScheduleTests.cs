using Xunit;
using Zos.Core.Bringup;
using static Zos.Core.Tests.Bringup.Probes;

namespace Zos.Core.Tests.Bringup;

public class ProbeScheduleTests
{
    [Fact]
    public void Round1_IsShort_SoANicThatAnswersAtOnceCostsAboutASecond()
    {
        var r = ProbeSchedule.Default.Round(1);
        Assert.Equal(TimeSpan.FromSeconds(1.5), r.CarrierWait);
        Assert.Equal(2, r.DhcpTries);
        Assert.Equal(TimeSpan.FromSeconds(1), r.DhcpTryTimeout);
    }

    [Fact]
    public void Rounds_Grow_UntilCapsOutlastSpanningTreeListeningAndLearning()
    {
        var rounds = Enumerable.Range(1, 8).Select(ProbeSchedule.Default.Round).ToList();
        for (var i = 1; i < rounds.Count; i++)
        {
            Assert.True(rounds[i].CarrierWait >= rounds[i - 1].CarrierWait, $"carrier wait shrank in {rounds[i]}");
            Assert.True(rounds[i].DhcpWindow >= rounds[i - 1].DhcpWindow, $"DHCP window shrank in {rounds[i]}");
        }
        Assert.True(rounds[1].DhcpWindow > rounds[0].DhcpWindow);
        // 802.1D: listening + learning = 2 × forward delay = 30 s by default.
        var stpForwarding = TimeSpan.FromSeconds(30);
        Assert.True(rounds[^1].DhcpWindow > stpForwarding, rounds[^1].ToString());
        Assert.True(rounds[^1].CarrierWait >= stpForwarding, rounds[^1].ToString());
        Assert.Equal(TimeSpan.FromSeconds(32), rounds[^1].CarrierWait);
        Assert.Equal(TimeSpan.FromSeconds(40), rounds[^1].DhcpWindow);
    }

    [Theory]
    [InlineData(2, 3.0, 4, 1.0)]
    [InlineData(3, 6.0, 8, 1.0)]
    [InlineData(4, 12.0, 8, 2.0)]
    [InlineData(5, 24.0, 16, 2.0)]
    [InlineData(6, 32.0, 20, 2.0)]
    public void Round_Table(int number, double carrierSeconds, int tries, double perTrySeconds)
    {
        var r = ProbeSchedule.Default.Round(number);
        Assert.Equal(number, r.Number);
        Assert.Equal(TimeSpan.FromSeconds(carrierSeconds), r.CarrierWait);
        Assert.Equal(tries, r.DhcpTries);
        Assert.Equal(TimeSpan.FromSeconds(perTrySeconds), r.DhcpTryTimeout);
    }

    [Fact]
    public void Round_Forever_StaysAtTheCaps() =>
        Assert.Equal(ProbeSchedule.Default.Round(7), ProbeSchedule.Default.Round(100_000) with { Number = 7 });

    [Fact]
    public void Round_Zero_Refused() => Assert.Throws<ArgumentOutOfRangeException>(() => ProbeSchedule.Default.Round(0));

    [Fact]
    public void Validate_NamesFieldAndValue()
    {
        var bad = new ProbeSchedule(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1), 0, TimeSpan.Zero);
        Assert.Equal(
            ["maxCarrierWaitSeconds must be at least carrierWaitSeconds (2), got 1", "dhcpProbeTries must be at least 1, got 0"],
            bad.Validate());
        Assert.Empty(ProbeSchedule.Default.Validate());
    }

    [Fact]
    public void WaitText_SaysWhatWasWaitedForAndWhy()
    {
        var round = ProbeSchedule.Default.Round(2);
        Assert.Equal("no carrier yet after 3 s (round 2)", ProbeWaitText.Describe(Unplugged("eth0", 1), round));
        Assert.Equal("no offer after 4 DHCP tries of 1 s (round 2)", ProbeWaitText.Describe(Silent("eth1", 2), round));
        Assert.Equal("offer without router (10.0.0.5/24) (round 2)", ProbeWaitText.Describe(V4("eth2", 3, "10.0.0.5"), round));
        Assert.Null(ProbeWaitText.Describe(V4("eth3", 4, "10.0.0.6", "10.0.0.1"), round));
        // Stopped early because another NIC was chosen: it did not wait the round's time, so it does not claim to.
        Assert.Null(ProbeWaitText.Describe(Unplugged("eth4", 5) with { CutShort = true }, round));
        Assert.Null(ProbeWaitText.Describe(Silent("eth5", 6) with { CutShort = true }, round));
    }

    [Fact]
    public void StatusRows_CarryTheWait()
    {
        NicProbeResult[] probes = [Unplugged("eth0", 1), V4("eth1", 2, "10.0.0.5", "10.0.0.1")];
        var rows = NicStatusRow.From(probes, ZosNicSelector.Choose(probes), ProbeSchedule.Default.Round(1));
        Assert.Equal("no carrier yet after 1.5 s (round 1)", rows[0].Wait);
        Assert.Null(rows[1].Wait);
        Assert.Contains("no carrier yet after 1.5 s (round 1)", NicStatusTable.Render(rows), StringComparison.Ordinal);
    }
}
