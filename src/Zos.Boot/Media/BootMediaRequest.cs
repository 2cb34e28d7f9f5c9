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

    public required string Format { get; init; }

    public required string Output { get; init; }

    public int FailureDelaySeconds { get; init; } = 20;
}
