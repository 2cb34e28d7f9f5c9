namespace Zos.Boot.Media;

/// <summary>
/// How big a USB/EFI disk image carrying the node image must be (pure): 1 MiB before the partition (alignment,
/// the MBR), the files, and the FAT32 file system's own room. FAT32 with 512-byte clusters (what syslinux and every
/// firmware read) needs at least 65525 clusters (Microsoft's FAT specification, "FAT type determination"), hence
/// a floor of <see cref="MinimumMiB"/>.
/// </summary>
internal static class ImageMediumSize
{
    public const long MiB = 1024 * 1024;

    public const int PartitionOffsetMiB = 1;

    /// <summary>1 MiB gap + 65525 clusters of 512 bytes (32 MiB) + FATs and reserved sectors, rounded up.</summary>
    public const int MinimumMiB = 40;

    /// <summary>The smallest medium that holds <paramref name="payloadBytes"/> of files: FATs (4 bytes per 512-byte cluster, two copies), per-file slack and 1 MiB spare.</summary>
    public static int RequiredMiB(long payloadBytes)
    {
        var fat = payloadBytes / 512 * 4 * 2;
        var bytes = PartitionOffsetMiB * MiB + payloadBytes + fat + MiB;
        return Math.Max(MinimumMiB, (int)((bytes + MiB - 1) / MiB));
    }

    /// <summary>The size picked when none is given: the required size plus a quarter, rounded up to 8 MiB.</summary>
    public static int DefaultMiB(long payloadBytes)
    {
        var required = RequiredMiB(payloadBytes);
        var padded = required + (required / 4);
        return (padded + 7) / 8 * 8;
    }
}
