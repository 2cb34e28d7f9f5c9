namespace Zos.Core.Contracts;

/// <summary>
/// Memory as /proc/meminfo gives it: <c>MemTotal</c> and <c>MemAvailable</c> (what can be had without swapping: free
/// memory plus the caches the kernel can drop). Used is what is not available.
/// </summary>
public sealed record MemoryUsage(long TotalBytes, long AvailableBytes)
{
    public long UsedBytes => Math.Max(0, TotalBytes - AvailableBytes);
}
