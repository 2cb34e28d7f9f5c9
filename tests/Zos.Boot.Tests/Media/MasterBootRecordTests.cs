using Xunit;
using Zos.Boot.Media;

namespace Zos.Boot.Tests.Media;

public class MasterBootRecordTests
{
    [Fact]
    public void Build_ActiveFat32PartitionAt1MiB_WritesTheEntryTheSignatureAndTheMark()
    {
        byte[] code = [0xFA, 0x31, 0xC0];

        var mbr = MasterBootRecord.Build(code, 0x11223344, new MbrPartition(MbrPartition.Fat32Lba, Active: true, FirstSector: 2048, SectorCount: 120_832));

        Assert.Equal(512, mbr.Length);
        Assert.Equal(code, mbr[..3]);
        Assert.Equal([0x44, 0x33, 0x22, 0x11], mbr[440..444]);
        // status, CHS 0/32/33 (LBA 2048 with 255 heads, 63 sectors), type, CHS of LBA 122879 = 7/165/30, LBA, count.
        Assert.Equal(new byte[] { 0x80, 32, 33, 0, 0x0C, 165, 30, 7, 0x00, 0x08, 0, 0, 0x00, 0xD8, 0x01, 0x00 }, mbr[446..462]);
        Assert.All(mbr[462..510], b => Assert.Equal(0, b));
        Assert.Equal([0x55, 0xAA], mbr[510..]);
    }

    [Fact]
    public void Build_PartitionPastCylinder1023_SaturatesTheChsEnd()
    {
        var mbr = MasterBootRecord.Build([], 1, new MbrPartition(MbrPartition.EfiSystem, Active: false, FirstSector: 2048, SectorCount: 20_000_000));

        Assert.Equal(0x00, mbr[446]);
        Assert.Equal(0xEF, mbr[450]);
        Assert.Equal(new byte[] { 254, 0xFF, 0xFF }, mbr[451..454]);
    }

    [Fact]
    public void Build_BootCodeTooLong_IsRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => MasterBootRecord.Build(new byte[446], 1, new MbrPartition(0x0C, true, 2048, 1)));

        Assert.StartsWith("boot code is 446 bytes, the MBR has room for 440", e.Message, StringComparison.Ordinal);
    }
}
