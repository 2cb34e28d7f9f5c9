namespace Zos.Boot.Hosting;

/// <summary>
/// Debian's iPXE builds (package <c>ipxe</c>, <c>dpkg -L ipxe</c>): the loaders the TFTP server hands to PXE ROMs and
/// the images boot media are built around.
/// </summary>
public static class DebianIpxeLoaders
{
    public const string Directory = "/usr/lib/ipxe";

    /// <summary>BIOS PXE ROMs (option 93 arch 0) chain this; it uses the ROM's UNDI driver.</summary>
    public const string UndionlyKpxe = "undionly.kpxe";

    /// <summary>x64 UEFI (arch 7 and 9).</summary>
    public const string IpxeEfi = "ipxe.efi";

    /// <summary>Linux-kernel-format iPXE: booted by syslinux/isolinux with a script as its initrd.</summary>
    public const string IpxeLkrn = "ipxe.lkrn";

    /// <summary>For iPXE already in a NIC ROM (undionly.kpxe breaks when chained from iPXE).</summary>
    public const string IpxePxe = "ipxe.pxe";

    public static IReadOnlyList<string> TftpLoaders { get; } = [UndionlyKpxe, IpxeEfi, IpxePxe, "snponly.efi"];

    public static string PathOf(string name) => Path.Combine(Directory, name);

    /// <summary>
    /// Copies the loaders into <paramref name="root"/> (following Debian's symlinks, e.g. ipxe.efi → /boot/ipxe.efi,
    /// which the TFTP server would refuse as leaving its root). Returns the names copied.
    /// </summary>
    public static IReadOnlyList<string> Stage(string root)
    {
        System.IO.Directory.CreateDirectory(root);
        var copied = new List<string>();
        foreach (var name in TftpLoaders)
        {
            var source = PathOf(name);
            if (!File.Exists(source))
                continue;
            File.Copy(source, Path.Combine(root, name), overwrite: true);
            copied.Add(name);
        }
        if (copied.Count == 0)
            throw new FileNotFoundException($"no iPXE loader found in {Directory} (install the Debian package ipxe)");
        return copied;
    }
}
