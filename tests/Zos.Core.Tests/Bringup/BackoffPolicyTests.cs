using Xunit;
using Zos.Core.Bringup;

namespace Zos.Core.Tests.Bringup;

public class BackoffPolicyTests
{
    private static readonly BackoffPolicy s_policy = new(TimeSpan.FromSeconds(1), 2, TimeSpan.FromSeconds(10), 0.2);

    [Fact]
    public void Delay_SameSeed_SameSequence()
    {
        var a = Enumerable.Range(1, 20).Select(n => s_policy.Delay(n, new Random(42 + n))).ToList();
        var b = Enumerable.Range(1, 20).Select(n => s_policy.Delay(n, new Random(42 + n))).ToList();

        Assert.Equal(a, b);
    }

    [Fact]
    public void Delay_Grows_WithinJitterBounds()
    {
        var random = new Random(7);
        for (var n = 1; n <= 4; n++)
        {
            var nominal = Math.Pow(2, n - 1) * 1000;
            var d = s_policy.Delay(n, random).TotalMilliseconds;
            Assert.InRange(d, nominal * 0.8, nominal * 1.2);
        }
    }

    [Fact]
    public void Delay_ManyAttempts_CappedAndNeverOverflows()
    {
        var random = new Random(1);
        foreach (var n in new[] { 5, 50, 5000, int.MaxValue })
        {
            var d = s_policy.Delay(n, random);
            Assert.InRange(d, TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(10));
        }
    }

    [Fact]
    public void Delay_ZeroJitter_Exact()
    {
        var policy = s_policy with { Jitter = 0 };

        Assert.Equal(TimeSpan.FromSeconds(4), policy.Delay(3, new Random(3)));
    }

    [Fact]
    public void Delay_AttemptZero_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => s_policy.Delay(0, new Random(1)));

    [Fact]
    public void Validate_BadFields_NameFieldAndValue()
    {
        var bad = new BackoffPolicy(TimeSpan.Zero, 0.5, TimeSpan.FromSeconds(-1), 1.5);

        Assert.Equal(
        [
            "backoff.initial must be positive, got 00:00:00",
            "backoff.multiplier must be at least 1, got 0.5",
            "backoff.max must be at least backoff.initial (00:00:00), got -00:00:01",
            "backoff.jitter must be in [0, 1), got 1.5",
        ], bad.Validate());
    }

    [Fact]
    public void Validate_Default_Valid() => Assert.Empty(BackoffPolicy.Default.Validate());
}
