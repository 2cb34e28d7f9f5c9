using Xunit;
using Zos.Core.Contracts;

namespace Zos.Core.Tests.Contracts;

/// <summary>Capacity sums stop at the ends of <see cref="long"/> instead of overflowing (issue 14: a 500 on the capacity page).</summary>
public sealed class SaturatingMathTests
{
    [Theory]
    [InlineData(1L, 2L, 3L)]
    [InlineData(long.MaxValue, 1L, long.MaxValue)]
    [InlineData(long.MaxValue, long.MaxValue, long.MaxValue)]
    [InlineData(long.MinValue, -1L, long.MinValue)]
    [InlineData(long.MinValue, long.MinValue, long.MinValue)]
    [InlineData(long.MaxValue, long.MinValue, -1L)]
    [InlineData(-5L, 3L, -2L)]
    public void Add_SaturatesAtTheEnds(long a, long b, long expected) => Assert.Equal(expected, SaturatingMath.Add(a, b));

    [Fact]
    public void Sum_PastLongMaxValue_StaysThereAndDoesNotWrapBack()
    {
        // LINQ's Sum throws here; the total stays at the top instead.
        Assert.Equal(long.MaxValue, SaturatingMath.Sum(new long[] { long.MaxValue, long.MaxValue, 1 }, v => v));
    }

    [Fact]
    public void NodeCapacity_DiskTotalsPastLongMaxValue_Saturate()
    {
        var capacity = new NodeCapacity(1, 1, [new DiskInfo("a", long.MaxValue, "ssd"), new DiskInfo("b", long.MaxValue, "ssd"), new DiskInfo("c", 7, "hdd")]);

        Assert.Equal(long.MaxValue, capacity.SsdBytes);
        Assert.Equal(7, capacity.HddBytes);
    }
}
