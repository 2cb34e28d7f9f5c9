namespace Zos.Boot.Media;

/// <summary>
/// The images `zos boot media` writes (a farmer copies them to a stick with dd). With <c>--image</c> each carries the
/// node image itself instead of a network loader (<see cref="ImageMediaBuilder"/>).
/// </summary>
public enum BootMediaFormat
{
    /// <summary>FAT disk image: syslinux boots ipxe.lkrn with the script as initrd (BIOS); also carries the UEFI loader.</summary>
    Usb,

    /// <summary>Hybrid ISO (isolinux + ipxe.lkrn + script; El Torito EFI image with the UEFI loader).</summary>
    Iso,

    /// <summary>FAT image with EFI/BOOT/BOOTX64.EFI: Debian's GRUB with the boot script embedded (plain-HTTP kernel URL).</summary>
    Efi,
}
