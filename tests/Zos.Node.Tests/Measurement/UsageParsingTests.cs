using Xunit;
using Zos.Core.Contracts;
using Zos.Node.Measurement;

namespace Zos.Node.Tests.Measurement;

/// <summary>The /proc parsers behind a node's measured usage, on text captured from a Debian 12 host (trimmed).</summary>
public sealed class UsageParsingTests
{
    private const string Meminfo = """
        MemTotal:       24669520 kB
        MemFree:         1523400 kB
        MemAvailable:   18391828 kB
        Buffers:          412316 kB
        Cached:         15208812 kB
        SwapCached:            0 kB
        """;

    private const string Mounts = """
        proc /proc proc rw,relatime 0 0
        sysfs /sys sysfs rw,relatime 0 0
        devtmpfs /dev devtmpfs rw,relatime,size=12334760k,nr_inodes=3083690,mode=755 0 0
        /dev/vda / ext4 rw,relatime,discard 0 0
        tmpfs /run tmpfs rw,nosuid,nodev,size=4933904k,mode=755 0 0
        /dev/sdb1 /var/lib/zos\040data xfs rw,relatime 0 0
        /dev/vda /var/lib/bind-of-root ext4 rw,relatime,discard 0 0
        /dev/loop3 /snap/core/1 squashfs ro,nodev,relatime 0 0
        /dev/sr0 /media/cdrom iso9660 ro,relatime 0 0
        /dev/mapper/vg-home /home ext4 rw,relatime 0 0
        """;

    [Fact]
    public void ParseMemory_Meminfo_TotalAndAvailableInBytesUsedIsTheRest()
    {
        var memory = UsageParsing.ParseMemory(Meminfo);

        Assert.Equal(new MemoryUsage(24669520L * 1024, 18391828L * 1024), memory);
        Assert.Equal((24669520L - 18391828L) * 1024, memory!.UsedBytes);
    }

    [Theory]
    [InlineData("MemTotal:       24669520 kB\nMemFree:         1523400 kB\n")] // Linux before 3.14: no MemAvailable
    [InlineData("")]
    [InlineData("MemTotal: 100 kB\nMemAvailable: 200 kB\n")] // more available than there is
    public void ParseMemory_MissingOrInconsistent_NotMeasured(string meminfo) => Assert.Null(UsageParsing.ParseMemory(meminfo));

    [Fact]
    public void ParseLoad_Loadavg_TheThreeAverages() =>
        Assert.Equal(new LoadAverage(0.52, 1.58, 12.09), UsageParsing.ParseLoad("0.52 1.58 12.09 2/811 123456\n"));

    [Theory]
    [InlineData("")]
    [InlineData("0.52 1.58")]
    [InlineData("0.52 abc 1.00 1/2 3")]
    [InlineData("-1.00 1.00 1.00 1/2 3")]
    public void ParseLoad_Garbled_NotMeasured(string loadavg) => Assert.Null(UsageParsing.ParseLoad(loadavg));

    [Fact]
    public void ParseDiskMounts_Mounts_DiskFilesystemsOncePerDeviceWithPathsDecoded()
    {
        var disks = UsageParsing.ParseDiskMounts(Mounts);

        Assert.Equal(
            [new DiskMount("vda", "/"), new DiskMount("sdb1", "/var/lib/zos data"), new DiskMount("mapper/vg-home", "/home")],
            disks);
    }
}
