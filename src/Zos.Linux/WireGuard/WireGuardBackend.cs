namespace Zos.Linux.WireGuard;

/// <summary>Which implementation runs a device.</summary>
public enum WireGuardBackend
{
    /// <summary>The kernel module (link kind "wireguard"), configured with the wg tool.</summary>
    Kernel,
    /// <summary>wireguard-go, configured over its unix socket.</summary>
    Userspace,
}
