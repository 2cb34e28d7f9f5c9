namespace Zos.Boot.Media;

/// <summary>What a farmer asks `zos boot media` for, as typed (validated by <see cref="BootMediaBuilder.Validate"/>).</summary>
public sealed record BootMediaRequest
{
    public required string FarmId { get; init; }

    public required string Runmode { get; init; }

    public IReadOnlyList<string> Args { get; init; } = [];

    /// <summary>
    /// The farm's boot server; the BIOS (iPXE) side chains to <c>&lt;server&gt;/boot/&lt;mac&gt;</c> first. The UEFI (GRUB) side
    /// cannot run iPXE scripts and fetches the kernel with the command line the medium carries.
    /// </summary>
    public string? ServerUrl { get; init; }

    /// <summary>The kernel to fetch directly; defaults to the server's (or bootstrap.grid.tf's plain-HTTP) per-runmode kernel.</summary>
    public string? KernelUrl { get; init; }

    /// <summary>
    /// The initramfs fetched beside <see cref="KernelUrl"/> (a Zos boot server's <c>/kernel/zos-node.initramfs</c>);
    /// null for a kernel with its initramfs built in (upstream Zero-OS).
    /// </summary>
    public string? InitrdUrl { get; init; }

    /// <summary>
    /// A node image directory (<c>zos image build -o DIR</c>): the medium then carries its kernel and initramfs and
    /// boots them itself, no network needed to start (<see cref="ServerUrl"/> and <see cref="KernelUrl"/> do not apply).
    /// </summary>
    public string? ImageDirectory { get; init; }

    /// <summary>The registry the node registers with; becomes <c>zos-registry=</c> on the command line unless the args carry one.</summary>
    public string? RegistryUrl { get; init; }

    /// <summary>A farm enrollment token (read from <c>--farm-token-file</c>); becomes <c>zos-farm-token=</c> unless the args carry one.</summary>
    public string? FarmToken { get; init; }
    /// <summary>The registry's public key (base64); becomes <c>zos-registry-key=</c> on the command line unless the args carry one.</summary>
    public string? RegistryKey { get; init; }

    /// <summary>Size of a usb or efi medium with an image, in MiB; null computes it from the image.</summary>
    public int? SizeMiB { get; init; }

    public required string Format { get; init; }

    public required string Output { get; init; }

    public int FailureDelaySeconds { get; init; } = 20;
}
