namespace Zos.Boot.Http;

/// <summary>Where the boot HTTP server listens and what it serves.</summary>
public sealed record BootHttpOptions
{
    /// <summary>Kestrel URL(s), e.g. <c>http://0.0.0.0:8080</c>; port 0 picks a free port (tests).</summary>
    public IReadOnlyList<string> Urls { get; init; } = ["http://0.0.0.0:8080"];

    /// <summary>Directory of kernel images served under <c>/kernel/</c> (with range requests), or null for none.</summary>
    public string? KernelDirectory { get; init; }

    /// <summary>
    /// The base URL nodes use to reach this server (for kernel URLs in scripts). Null: the address and port the node's
    /// request arrived on, which is always one the node can reach.
    /// </summary>
    public string? PublicUrl { get; init; }
}
