using Zos.Protocols.Grub;

namespace Zos.Boot.Media;

/// <summary>
/// syslinux/isolinux configuration booting the node image from the medium at once (pure): no prompt, no menu,
/// kernel and initramfs by path, the node's command line on APPEND.
/// </summary>
internal static class SyslinuxImageConfig
{
    public static string Render(LocalImageBoot boot)
    {
        var errors = boot.Validate();
        if (errors.Count > 0)
            throw new ArgumentException(string.Join("; ", errors), nameof(boot));
        return "DEFAULT zos\nPROMPT 0\nTIMEOUT 0\nLABEL zos\n" +
               $"  LINUX {boot.KernelPath}\n  INITRD {boot.InitrdPath}\n  APPEND {boot.CommandLine}\n";
    }
}
