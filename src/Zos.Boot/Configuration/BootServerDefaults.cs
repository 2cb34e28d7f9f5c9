namespace Zos.Boot.Configuration;

/// <summary>
/// What the boot server's own options add to the farm's configuration: the kernel and initramfs when the profile
/// names none (<c>zos boot serve --image</c>), the registry nodes are told about (<c>zos-registry=</c>), and
/// arguments every node's command line gets unless the farm sets them itself (the node image's console and state).
/// </summary>
public sealed record BootServerDefaults
{
    public string? Kernel { get; init; }

    public string? Initrd { get; init; }

    /// <summary>The registry URL; becomes <c>zos-registry=&lt;url&gt;</c> unless the farm's arguments carry one.</summary>
    public string? RegistryUrl { get; init; }

    /// <summary>
    /// A farm enrollment token (<c>zos boot serve --farm-token-file</c>); becomes <c>zos-farm-token=</c> unless the farm's
    /// arguments carry one, so nodes whose MACs the registry does not list join the farm without waiting for approval.
    /// </summary>
    public string? FarmToken { get; init; }
    /// <summary>The registry's public key (base64); becomes <c>zos-registry-key=&lt;key&gt;</c> unless the farm's arguments carry one.</summary>
    public string? RegistryKey { get; init; }

    public IReadOnlyList<string> Arguments { get; init; } = [];

    public static BootServerDefaults None { get; } = new();
}
