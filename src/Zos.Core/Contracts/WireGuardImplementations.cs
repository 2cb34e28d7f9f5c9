namespace Zos.Core.Contracts;

/// <summary>
/// The names a node reports for the WireGuard that runs a network's device: the kernel module (Linux 5.6+,
/// drivers/net/wireguard) where it loads, else wireguard-go in user space.
/// </summary>
public static class WireGuardImplementations
{
    public const string Kernel = "kernel";
    public const string WireGuardGo = "wireguard-go";

    public static bool IsKnown(string? name) => name is Kernel or WireGuardGo;
}
