namespace Zos.Testing;

/// <summary>What the running kernel offers, found by trying it in a scratch namespace (needs root).</summary>
public static class KernelProbes
{
    private static readonly Lazy<bool> s_wireGuard = new(() =>
    {
        var ns = TestNames.New("wgp");
        if (Sh.Run("ip", "netns", "add", ns).ExitCode != 0)
            return false;
        try
        {
            // The kernel module loads on demand (request_module) when the link kind is asked for.
            return Sh.Run("ip", "-n", ns, "link", "add", "wgprobe", "type", "wireguard").ExitCode == 0;
        }
        finally
        {
            Sh.Run("ip", "netns", "del", ns);
        }
    });

    /// <summary>True when a WireGuard link can be created: the kernel module is built in or loads.</summary>
    public static bool KernelWireGuard => s_wireGuard.Value;
}
