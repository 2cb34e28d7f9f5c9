namespace Zos.Boot.Configuration;

/// <summary>
/// The farm's boot settings shared by its nodes (matchbox calls this a profile, boot-and-registry.md §2.6): the
/// network the nodes join, the kernel they boot and the kernel arguments every node gets.
/// </summary>
public sealed record BootProfile
{
    public required string Runmode { get; init; }

    /// <summary>A file name served from the kernel directory (<c>/kernel/&lt;name&gt;</c>), or an absolute http(s) URL.</summary>
    public required string Kernel { get; init; }

    public IReadOnlyList<string> Args { get; init; } = [];

    public int Retries { get; init; } = 3;

    public int FailureDelaySeconds { get; init; } = 20;

    public bool KernelIsUrl => Kernel.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || Kernel.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
}
