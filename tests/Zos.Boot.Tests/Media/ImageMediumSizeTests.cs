using Xunit;
using Zos.Boot.Media;

namespace Zos.Boot.Tests.Media;

public class ImageMediumSizeTests
{
    private const long MiB = 1024 * 1024;

    [Theory]
    [InlineData(1 * MiB, 40)]          // the FAT32 floor
    [InlineData(36 * MiB, 40)]         // 1 + 36 + 0.56 (FATs) + 1, rounded up
    [InlineData(40 * MiB, 43)]
    [InlineData(200 * MiB, 206)]
    public void RequiredMiB_IsTheFilesPlusFatsGapAndSpare(long payload, int expected)
    {
        Assert.Equal(expected, ImageMediumSize.RequiredMiB(payload));
    }

    [Theory]
    [InlineData(1 * MiB, 56)]
    [InlineData(40 * MiB, 56)]
    [InlineData(200 * MiB, 264)]
    public void DefaultMiB_AddsAQuarterRoundedTo8MiB(long payload, int expected)
    {
        var size = ImageMediumSize.DefaultMiB(payload);

        Assert.Equal(expected, size);
        Assert.True(size >= ImageMediumSize.RequiredMiB(payload));
    }
}
