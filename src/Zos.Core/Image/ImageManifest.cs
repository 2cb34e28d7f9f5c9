namespace Zos.Core.Image;

/// <summary>
/// manifest.json beside the kernel and initramfs. <see cref="ImageSha256"/> is the SHA-256 of the text
/// "&lt;sha256&gt;  &lt;path&gt;\n" for each of <see cref="Files"/> in order (what <c>sha256sum</c> prints for them), so one
/// value names the image and <c>sha256sum -c</c> style checks can reproduce it.
/// </summary>
public sealed record ImageManifest
{
    public const string FileName = "manifest.json";
    public const string KernelFile = "zos-node.vmlinuz";
    public const string InitramfsFile = "zos-node.initramfs";
    public const int CurrentFormat = 1;

    public int Format { get; init; } = CurrentFormat;

    public required string ImageSha256 { get; init; }

    public required string KernelVersion { get; init; }

    /// <summary>The time every file inside the initramfs carries (seconds since 1970, SOURCE_DATE_EPOCH).</summary>
    public required long SourceDateEpoch { get; init; }

    /// <summary>The kernel and the initramfs.</summary>
    public required IReadOnlyList<ImageFile> Files { get; init; }

    /// <summary>The node daemon inside the initramfs, and how it was published.</summary>
    public required ImageFile Daemon { get; init; }

    public required string DaemonBuild { get; init; }

    public required IReadOnlyList<ImagePackage> Packages { get; init; }

    /// <summary>Kernel modules inside the initramfs (paths under usr/lib/modules/VERSION).</summary>
    public required IReadOnlyList<string> Modules { get; init; }

    /// <summary>Firmware files inside the initramfs (paths under usr/lib/firmware), each named by a module of the image.</summary>
    public IReadOnlyList<string> Firmware { get; init; } = [];

    /// <summary>Firmware a module of the image names that none of the firmware packages holds, as "module: file".</summary>
    public IReadOnlyList<string> FirmwareNotFound { get; init; } = [];

    /// <summary>Every regular file inside the initramfs.</summary>
    public required IReadOnlyList<ImageFile> Contents { get; init; }
}
