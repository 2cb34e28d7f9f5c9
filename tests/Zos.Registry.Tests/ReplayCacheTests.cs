using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Zos.Registry.Tests;

public sealed class ReplayCacheTests
{
    private static readonly TimeSpan Keep = TimeSpan.FromSeconds(120);

    [Fact]
    public void TryRemember_SameKeyAndNonceTwice_SecondIsReplay()
    {
        var cache = new ReplayCache(new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddDays(20_000)));

        Assert.True(cache.TryRemember("keyA", "n1", Keep));
        Assert.False(cache.TryRemember("keyA", "n1", Keep));
        Assert.True(cache.TryRemember("keyA", "n2", Keep));
        Assert.True(cache.TryRemember("keyB", "n1", Keep));
    }

    [Fact]
    public void TryRemember_KeyAndNonceSplitDifferently_NotConfused()
    {
        var cache = new ReplayCache(new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddDays(20_000)));

        Assert.True(cache.TryRemember("ab", "c", Keep));
        Assert.True(cache.TryRemember("a", "bc", Keep));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(59_999)]
    [InlineData(60_000)]
    public void TryRemember_WithinKeepTimeWhereverInItsSlice_StillAReplay(int offsetMs)
    {
        // Slices are half the keep time long: an entry made anywhere in one must last the whole keep time.
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1_800_000_000_000 + offsetMs));
        var cache = new ReplayCache(time);
        Assert.True(cache.TryRemember("key", "nonce", Keep));
        for (var step = 0; step < 12; step++)
        {
            time.Advance(TimeSpan.FromSeconds(10));
            Assert.False(cache.TryRemember("key", "nonce", Keep));
        }
    }

    [Fact]
    public void TryRemember_LongAfterTheKeepTime_Forgotten()
    {
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1_800_000_000_000));
        var cache = new ReplayCache(time);
        Assert.True(cache.TryRemember("key", "old", Keep));

        time.Advance(TimeSpan.FromSeconds(181));

        // Timestamps this old are refused as stale by the signature check before the cache is asked.
        Assert.True(cache.TryRemember("key", "old", Keep));
    }

    [Fact]
    public void TryRemember_ClockStepsBack_NothingForgotten()
    {
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1_800_000_000_000));
        var cache = new ReplayCache(time);
        Assert.True(cache.TryRemember("key", "nonce", Keep));

        time.AdjustTime(time.GetUtcNow() - TimeSpan.FromMinutes(10));

        Assert.False(cache.TryRemember("key", "nonce", Keep));
    }
}
