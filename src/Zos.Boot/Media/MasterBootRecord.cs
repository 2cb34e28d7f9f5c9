using System.Buffers.Binary;

namespace Zos.Boot.Media;

/// <summary>
/// Writes sector 0 of a disk image (pure): boot code, disk signature, one partition entry, the 0x55AA mark
/// (UEFI spec §5.2.1 "Legacy Master Boot Record" gives the layout: code 0..439, signature 440, entries from 446).
/// </summary>
internal static class MasterBootRecord
{
    public const int SectorSize = 512;

    /// <summary>The boot code area; syslinux's mbr.bin fits it (it chains the active partition's boot sector).</summary>
    public const int BootCodeSize = 440;

    public static byte[] Build(ReadOnlySpan<byte> bootCode, uint diskSignature, MbrPartition partition)
    {
        if (bootCode.Length > BootCodeSize)
            throw new ArgumentException($"boot code is {bootCode.Length} bytes, the MBR has room for {BootCodeSize}", nameof(bootCode));
        if (partition.SectorCount == 0 || (ulong)partition.FirstSector + partition.SectorCount > uint.MaxValue)
            throw new ArgumentException($"partition {partition.FirstSector}+{partition.SectorCount} sectors does not fit an MBR", nameof(partition));
        var sector = new byte[SectorSize];
        bootCode.CopyTo(sector);
        BinaryPrimitives.WriteUInt32LittleEndian(sector.AsSpan(440), diskSignature);
        var entry = sector.AsSpan(446, 16);
        entry[0] = partition.Active ? (byte)0x80 : (byte)0x00;
        Chs(partition.FirstSector, entry[1..4]);
        entry[4] = partition.Type;
        Chs(partition.FirstSector + partition.SectorCount - 1, entry[5..8]);
        BinaryPrimitives.WriteUInt32LittleEndian(entry[8..], partition.FirstSector);
        BinaryPrimitives.WriteUInt32LittleEndian(entry[12..], partition.SectorCount);
        sector[510] = 0x55;
        sector[511] = 0xAA;
        return sector;
    }

    /// <summary>
    /// Cylinder/head/sector of <paramref name="lba"/> in the 255-head, 63-sector geometry BIOSes assume for USB disks;
    /// past cylinder 1023 the tuple saturates at 1023/254/63, telling firmware to use the LBA fields.
    /// </summary>
    private static void Chs(uint lba, Span<byte> chs)
    {
        const uint heads = 255, sectors = 63;
        var cylinder = lba / (heads * sectors);
        uint head, sector;
        if (cylinder > 1023)
        {
            (cylinder, head, sector) = (1023, 254, 63);
        }
        else
        {
            head = lba / sectors % heads;
            sector = lba % sectors + 1;
        }
        chs[0] = (byte)head;
        chs[1] = (byte)(sector | ((cylinder >> 2) & 0xC0));
        chs[2] = (byte)(cylinder & 0xFF);
    }
}
