namespace Zos.Boot.Configuration;

/// <summary>
/// What each node's iPXE script boots: the farm's boot settings shared by its nodes (matchbox calls this a profile,
/// boot-and-registry.md §2.6): the network the nodes join, the kernel they boot and the kernel arguments every node gets.
/// </summary>
public sealed record IpxeBootProfile
{
    public required string Runmode { get; init; }

    /// <summary>A file name served from the kernel directory (<c>/kernel/&lt;name&gt;</c>), or an absolute http(s) URL.</summary>
    public required string Kernel { get; init; }

    /// <summary>
    /// The initramfs booted with the kernel (the Zos node image), like <see cref="Kernel"/> a file name in the kernel
    /// directory or an absolute http(s) URL; null for a kernel with its initramfs built in (upstream Zero-OS).
    /// </summary>
    public string? Initrd { get; init; }

    public IReadOnlyList<string> Args { get; init; } = [];

    public int Retries { get; init; } = 3;

    public int FailureDelaySeconds { get; init; } = 20;

    public bool KernelIsUrl => IsUrl(Kernel);

    /// <summary>The URL <paramref name="file"/> (<see cref="Kernel"/> or <see cref="Initrd"/>) is fetched from by a node.</summary>
    public static string UrlOf(string file, string localKernelBase) => IsUrl(file) ? file : $"{localKernelBase.TrimEnd('/')}/{file}";

    public static bool IsUrl(string file) =>
        file.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || file.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
}
