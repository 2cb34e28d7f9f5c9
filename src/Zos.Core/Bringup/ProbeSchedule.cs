namespace Zos.Core.Bringup;

/// <summary>
/// The waits of each probe round, growing with every failed round so slow links are outlasted while a NIC that
/// answers at once still costs about a second. Real PHYs take 2-5 s to train, and a switch port running spanning
/// tree forwards only after listening and learning, 2 × forward delay = 30 s with the default 15 s (IEEE 802.1D-2004
/// §17.14, Table 17-1); upstream's fixed short waits never outlast that (zos#2429). The carrier wait and the DHCP window
/// (tries × per-try timeout) double per failed round up to their caps, and the caps are at least 30 s. Each round
/// after the first costs more only on NICs that stay silent: a NIC that answers ends its probe early.
/// </summary>
public sealed record ProbeSchedule(TimeSpan InitialCarrierWait, TimeSpan MaxCarrierWait, int InitialDhcpTries, TimeSpan MaxDhcpWindow)
{
    /// <summary>The per-try timeout of rounds whose window is short: one DISCOVER a second (udhcpc -T 1).</summary>
    public static readonly TimeSpan ShortTryTimeout = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The per-try timeout once the window is longer than <see cref="LongWindowFrom"/>: fewer DISCOVERs on a long wait,
    /// still well inside the 4 s first retransmission RFC 2131 §4.1 suggests, so an offer is never missed by more than 2 s.
    /// </summary>
    public static readonly TimeSpan LongTryTimeout = TimeSpan.FromSeconds(2);

    public static readonly TimeSpan LongWindowFrom = TimeSpan.FromSeconds(8);

    /// <summary>1.5 s carrier and 2 DHCP tries at first; 32 s carrier and a 40 s DHCP window at the most.</summary>
    public static ProbeSchedule Default { get; } = new(TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(32), 2, TimeSpan.FromSeconds(40));

    /// <summary>The problems of this schedule, each naming the field and value; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (InitialCarrierWait <= TimeSpan.Zero)
            errors.Add($"carrierWaitSeconds must be positive, got {InitialCarrierWait.TotalSeconds}");
        if (MaxCarrierWait < InitialCarrierWait)
            errors.Add($"maxCarrierWaitSeconds must be at least carrierWaitSeconds ({InitialCarrierWait.TotalSeconds}), got {MaxCarrierWait.TotalSeconds}");
        if (InitialDhcpTries < 1)
            errors.Add($"dhcpProbeTries must be at least 1, got {InitialDhcpTries}");
        if (MaxDhcpWindow < ShortTryTimeout * InitialDhcpTries)
            errors.Add($"maxDhcpWindowSeconds must be at least dhcpProbeTries × 1 s ({InitialDhcpTries} s), got {MaxDhcpWindow.TotalSeconds}");
        return errors;
    }

    /// <summary>The waits of round <paramref name="number"/> (1 = first, i.e. no failed round before it).</summary>
    public ProbeRound Round(int number)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        // 2^(n-1) overflows to +Infinity for large n; Math.Min keeps the cap, so a node retrying forever stays at it.
        var growth = Math.Pow(2, number - 1);
        var carrier = TimeSpan.FromMilliseconds(Math.Min(MaxCarrierWait.TotalMilliseconds, InitialCarrierWait.TotalMilliseconds * growth));
        var window = Math.Min(MaxDhcpWindow.TotalMilliseconds, ShortTryTimeout.TotalMilliseconds * InitialDhcpTries * growth);
        var perTry = window > LongWindowFrom.TotalMilliseconds ? LongTryTimeout : ShortTryTimeout;
        var tries = Math.Max(1, (int)Math.Ceiling(window / perTry.TotalMilliseconds));
        return new ProbeRound(number, carrier, tries, perTry);
    }
}
