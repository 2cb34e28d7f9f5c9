namespace Zos.Boot.Media;

/// <summary>One primary partition of an MBR: type byte (0x0C FAT32 LBA, 0xEF EFI system), boot flag, LBA extent.</summary>
internal readonly record struct MbrPartition(byte Type, bool Active, uint FirstSector, uint SectorCount)
{
    /// <summary>FAT32 with LBA addressing: what BIOSes and syslinux's mbr.bin boot from a stick.</summary>
    public const byte Fat32Lba = 0x0C;

    /// <summary>EFI system partition (UEFI spec §5.2.1, "OSType 0xEF").</summary>
    public const byte EfiSystem = 0xEF;
}
