using Xunit;
using Zos.Core.Bringup;

namespace Zos.Core.Tests.Bringup;

public class ProbeCutoffTests
{
    private static readonly DateTimeOffset s_lease = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan s_cap = TimeSpan.FromMilliseconds(700);

    private static TimeSpan Ms(double ms) => TimeSpan.FromMilliseconds(ms);

    [Fact]
    public void Deadline_NothingPending_IsTheFirstLease()
    {
        Assert.Equal(s_lease, ProbeCutoff.Deadline(s_lease, Ms(200), [], s_cap));
    }

    [Fact]
    public void Deadline_PendingStillWithoutCarrier_IsNotWaitedFor()
    {
        var deadline = ProbeCutoff.Deadline(s_lease, Ms(200), [new PendingProbe("eth1", null), new PendingProbe("eth2", null)], s_cap);

        Assert.Equal(s_lease, deadline);
    }

    [Fact]
    public void Deadline_RunningDhcp_GetsTheWinnersExchangeAndHalfAgainFromItsOwnStart()
    {
        // Winner took 200 ms; eth1 started 50 ms later than the winner: it may answer until its start + 300 ms.
        var eth1Start = s_lease - Ms(150);

        var deadline = ProbeCutoff.Deadline(s_lease, Ms(200), [new PendingProbe("eth1", eth1Start)], s_cap);

        Assert.Equal(eth1Start + Ms(300), deadline);
    }

    [Fact]
    public void Deadline_FastWinner_AllowsAtLeastTheMinimumSlack()
    {
        var deadline = ProbeCutoff.Deadline(s_lease, Ms(40), [new PendingProbe("eth1", s_lease - Ms(20))], s_cap);

        Assert.Equal(s_lease - Ms(20) + Ms(40) + ProbeCutoff.MinimumSlack, deadline);
    }

    [Fact]
    public void Deadline_LatestPendingStartDecides()
    {
        var deadline = ProbeCutoff.Deadline(s_lease, Ms(100),
            [new PendingProbe("eth1", s_lease - Ms(90)), new PendingProbe("eth2", s_lease - Ms(10)), new PendingProbe("eth3", null)], s_cap);

        Assert.Equal(s_lease - Ms(10) + Ms(200), deadline);
    }

    [Fact]
    public void Deadline_SlowExchange_IsCapped()
    {
        var deadline = ProbeCutoff.Deadline(s_lease, TimeSpan.FromSeconds(2), [new PendingProbe("eth1", s_lease)], s_cap);

        Assert.Equal(s_lease + s_cap, deadline);
    }

    [Fact]
    public void Deadline_PendingWhoseAllowanceHasPassed_CostsNothing()
    {
        // Started a second before the lease and still silent: a DHCP server would have answered by now.
        var deadline = ProbeCutoff.Deadline(s_lease, Ms(100), [new PendingProbe("eth1", s_lease - TimeSpan.FromSeconds(1))], s_cap);

        Assert.Equal(s_lease, deadline);
    }

    [Fact]
    public void Deadline_NegativeExchange_Throws()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => ProbeCutoff.Deadline(s_lease, Ms(-1), [], s_cap));

        Assert.StartsWith("the winner's DHCP exchange time must not be negative, got -00:00:00.0010000", e.Message, StringComparison.Ordinal);
        Assert.Equal("winnerExchange", e.ParamName);
    }

    [Fact]
    public void Deadline_NegativeCap_Throws()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => ProbeCutoff.Deadline(s_lease, Ms(1), [], Ms(-5)));

        Assert.StartsWith("the cutoff cap must not be negative, got -00:00:00.0050000", e.Message, StringComparison.Ordinal);
    }
}
