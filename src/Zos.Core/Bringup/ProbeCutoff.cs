namespace Zos.Core.Bringup;

/// <summary>
/// How long bring-up still waits for other probes once one NIC has an IPv4 lease with a private router (the
/// early choice). A DHCP server answers a DISCOVER within milliseconds; what varies between NICs is mostly when
/// each probe got going (namespace setup, carrier, process spawn under load). So each pending NIC whose DHCP probe
/// runs gets as long as the winner's exchange took, plus half of that again (at least <see cref="MinimumSlack"/>),
/// counted from its own start: a second DHCP NIC (which may win on a smaller address, zos-networking.md §1.5) is
/// still heard, while a silent NIC costs only that and a NIC still without carrier costs nothing (the original
/// waits 10 s per unplugged NIC, §8.1). Never longer than the cap after the first lease.
/// </summary>
public static class ProbeCutoff
{
    /// <summary>The least extra time a running DHCP probe gets beyond the winner's exchange time.</summary>
    public static readonly TimeSpan MinimumSlack = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// The moment after which the <paramref name="pending"/> probes are cut short: between <paramref name="firstLeaseAt"/>
    /// (nothing worth waiting for) and <paramref name="firstLeaseAt"/> + <paramref name="cap"/>.
    /// </summary>
    public static DateTimeOffset Deadline(DateTimeOffset firstLeaseAt, TimeSpan winnerExchange, IEnumerable<PendingProbe> pending, TimeSpan cap)
    {
        ArgumentNullException.ThrowIfNull(pending);
        if (winnerExchange < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(winnerExchange), winnerExchange, $"the winner's DHCP exchange time must not be negative, got {winnerExchange}");
        if (cap < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(cap), cap, $"the cutoff cap must not be negative, got {cap}");
        var slack = winnerExchange / 2 > MinimumSlack ? winnerExchange / 2 : MinimumSlack;
        var allowance = winnerExchange + slack;
        var deadline = firstLeaseAt;
        foreach (var p in pending)
        {
            if (p.DhcpStartedAt is { } started && started + allowance > deadline)
                deadline = started + allowance;
        }
        var latest = firstLeaseAt + cap;
        return deadline > latest ? latest : deadline;
    }
}
