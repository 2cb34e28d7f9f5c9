namespace Zos.Boot.Hosting;

/// <summary>What `zos boot serve` was asked, one property per option, unchecked: <see cref="BootServeHost"/> checks it.</summary>
public sealed record BootServeRequest
{
    /// <summary>Boot configuration file (YAML or JSON).</summary>
    public string? ConfigFile { get; init; }

    /// <summary>Registry URL: with <see cref="FarmId"/> the configuration source and where boot steps are posted; nodes get zos-registry= either way.</summary>
    public string? RegistryUrl { get; init; }

    public uint? FarmId { get; init; }

    /// <summary>File holding a farm enrollment token: every node's command line gets zos-farm-token= with it.</summary>
    public string? FarmTokenFile { get; init; }
    /// <summary>
    /// The registry's public key (base64) nodes get as <c>zos-registry-key=</c>; null: read once from the registry at
    /// start (<c>GET /api/v1/registry</c>) when <see cref="RegistryUrl"/> is given.
    /// </summary>
    public string? RegistryKey { get; init; }

    /// <summary>The LAN interface: TFTP binds its IPv4 address, DHCP serves it.</summary>
    public string? Interface { get; init; }

    public string HttpUrl { get; init; } = "http://0.0.0.0:8080";

    /// <summary>Base URL nodes reach the HTTP server at; null: the address a request arrived on.</summary>
    public string? PublicUrl { get; init; }

    /// <summary>Directory served over TFTP; null stages Debian's iPXE loaders in a temporary directory.</summary>
    public string? TftpRoot { get; init; }

    public int TftpPort { get; init; } = 69;

    public bool NoTftp { get; init; }

    /// <summary>Directory of kernel images served under /kernel/.</summary>
    public string? KernelDirectory { get; init; }

    /// <summary>A Zos node image directory served under /kernel/, its kernel and initramfs the profile's defaults.</summary>
    public string? ImageDirectory { get; init; }

    /// <summary>Kernel file or URL when the configuration comes from the registry.</summary>
    public string? Kernel { get; init; }

    /// <summary>Boot unknown MACs as orphans (registry configuration).</summary>
    public bool BootUnknown { get; init; }

    /// <summary>DHCP mode as written: "full" or "proxy".</summary>
    public string Mode { get; init; } = "full";

    /// <summary>Run DHCP on <see cref="Interface"/>.</summary>
    public bool Dhcp { get; init; }

    public string? LeaseFile { get; init; }

    /// <summary>Do not post boot steps to the registry.</summary>
    public bool NoReport { get; init; }
}
