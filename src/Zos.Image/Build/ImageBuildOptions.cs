namespace Zos.Image.Build;

/// <summary>The inputs of <c>zos image build</c>.</summary>
/// <param name="OutputDirectory">Where zos-node.vmlinuz, zos-node.initramfs and manifest.json are written.</param>
/// <param name="CacheDirectory">Downloaded and unpacked packages, kept between builds.</param>
/// <param name="KernelVersion">e.g. 6.1.0-57-amd64; null takes the one linux-image-amd64 depends on.</param>
/// <param name="SourceRoot">The Zos source tree the daemon is published from (holds src/Zos.NodeHost).</param>
/// <param name="DaemonDirectory">A zos-node already published (zos-node and libsodium.so); null publishes from <paramref name="SourceRoot"/>.</param>
/// <param name="SourceDateEpoch">The time every file of the initramfs carries.</param>
/// <param name="Firmware">Whether the firmware the NIC drivers name is added from Debian's non-free-firmware.</param>
public sealed record ImageBuildOptions(
    string OutputDirectory,
    string CacheDirectory,
    string? KernelVersion,
    string? SourceRoot,
    string? DaemonDirectory,
    DateTimeOffset SourceDateEpoch,
    bool Firmware = true)
{
    public const string DefaultOutput = "/var/lib/zos/image";
    public const string DefaultCache = "/var/cache/zos/image";

    /// <summary>SOURCE_DATE_EPOCH when set (reproducible-builds.org), else 1970-01-01.</summary>
    public static DateTimeOffset EpochFromEnvironment(string? value) =>
        long.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var s)
            ? DateTimeOffset.FromUnixTimeSeconds(s) : DateTimeOffset.UnixEpoch;
}
