namespace Zos.Core.Bringup;

/// <summary>
/// Capped exponential backoff with jitter that never gives up (the original stops after 15 min and hangs,
/// zos-networking.md §8.5). The delay before attempt n+1 is min(Max, Initial·Multiplier^(n-1)) scaled by a
/// factor drawn uniformly from [1-Jitter, 1+Jitter], then capped at Max again. Deterministic for a seeded Random.
/// </summary>
public sealed record BackoffPolicy(TimeSpan Initial, double Multiplier, TimeSpan Max, double Jitter)
{
    public static BackoffPolicy Default { get; } = new(TimeSpan.FromSeconds(1), 1.6, TimeSpan.FromSeconds(15), 0.2);

    /// <summary>The problems of this policy, each naming the field and value; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Initial <= TimeSpan.Zero)
            errors.Add($"backoff.initial must be positive, got {Initial}");
        if (Multiplier < 1 || double.IsNaN(Multiplier) || double.IsInfinity(Multiplier))
            errors.Add($"backoff.multiplier must be at least 1, got {Multiplier}");
        if (Max < Initial)
            errors.Add($"backoff.max must be at least backoff.initial ({Initial}), got {Max}");
        if (Jitter is < 0 or >= 1 || double.IsNaN(Jitter))
            errors.Add($"backoff.jitter must be in [0, 1), got {Jitter}");
        return errors;
    }

    /// <summary>The wait after failed attempt number <paramref name="failedAttempts"/> (1 = the first failure).</summary>
    public TimeSpan Delay(int failedAttempts, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failedAttempts, 1);
        var maxMs = Max.TotalMilliseconds;
        // Multiplier^(n-1) overflows to +Infinity for large n; Math.Min then keeps the cap, so "forever" is safe.
        var baseMs = Math.Min(maxMs, Initial.TotalMilliseconds * Math.Pow(Multiplier, failedAttempts - 1));
        var factor = 1 + (Jitter * ((2 * random.NextDouble()) - 1));
        return TimeSpan.FromMilliseconds(Math.Min(maxMs, baseMs * factor));
    }
}
