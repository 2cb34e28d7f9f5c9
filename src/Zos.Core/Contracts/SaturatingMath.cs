namespace Zos.Core.Contracts;

/// <summary>
/// Sums of what nodes report (memory, disk bytes, cores) that stop at <see cref="long.MaxValue"/> (or
/// <see cref="long.MinValue"/>) instead of overflowing: LINQ's checked <c>Sum</c> threw on a node claiming 2^63−1
/// bytes and turned the Cockpit's capacity page into a 500. Bounds checks keep new data small; this keeps data stored
/// before them (or written to the store directly) from breaking a page.
/// </summary>
public static class SaturatingMath
{
    public static long Add(long a, long b)
    {
        var sum = unchecked(a + b);
        // Overflow happened when both operands have the same sign and the sum's sign differs (two's complement).
        if (((a ^ sum) & (b ^ sum)) < 0)
            return a < 0 ? long.MinValue : long.MaxValue;
        return sum;
    }

    public static long Sum<T>(IEnumerable<T> items, Func<T, long> value)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(value);
        var total = 0L;
        foreach (var item in items)
            total = Add(total, value(item));
        return total;
    }
}
