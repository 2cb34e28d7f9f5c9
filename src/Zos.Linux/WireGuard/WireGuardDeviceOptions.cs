namespace Zos.Linux.WireGuard;

/// <summary>How to create a WireGuard device.</summary>
/// <param name="Name">The interface name (also the name of wireguard-go's socket, fixed at creation even if the link is renamed).</param>
public sealed record WireGuardDeviceOptions(string Name)
{
    /// <summary>
    /// The namespace to create the device in: its UDP socket stays there even after the link moves to another
    /// namespace (e.g. created in "public", moved into "n-&lt;netid&gt;"). Null: the current namespace.
    /// </summary>
    public string? NetworkNamespace { get; init; }

    /// <summary>
    /// A directory of our own for wireguard-go's control socket instead of the shared /var/run/wireguard. wireguard-go
    /// has no setting for it (the path is compiled in), so it is started in a private mount namespace where this
    /// directory is bind-mounted on /run/wireguard; the socket then appears here as NAME.sock. Lets two nodes on one
    /// host use the same interface name. Null: /var/run/wireguard.
    /// </summary>
    public string? RuntimeDirectory { get; init; }

    /// <summary>Use the kernel module when the kernel has it (tried by creating the link).</summary>
    public bool PreferKernel { get; init; } = true;

    /// <summary>The wireguard-go program.</summary>
    public string WireGuardGo { get; init; } = "wireguard-go";

    /// <summary>How long wireguard-go may take to create its socket.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
