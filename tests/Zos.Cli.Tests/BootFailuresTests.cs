using Xunit;
using Zos.Cli.Commands;

namespace Zos.Cli.Tests;

/// <summary>`zos boot media` on a machine without a boot loader package: the message names the file and the package.</summary>
public sealed class BootFailuresTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("zos-boot-failures-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("/usr/lib/ISOLINUX/zz-missing.bin", "isolinux")]
    [InlineData("/usr/lib/syslinux/modules/bios/zz-missing.c32", "syslinux-common")]
    [InlineData("/usr/lib/ipxe/zz-missing.efi", "ipxe")]
    public void MissingMediaFile_CopyFromAbsentLoader_NamesFileAndPackage(string loader, string package)
    {
        // The exception File.Copy really throws, as the media builder copies the loaders.
        var e = Record.Exception(() => File.Copy(loader, Path.Combine(_dir, "copy")));

        var message = BootFailures.MissingMediaFile(e!);

        Assert.NotNull(message);
        Assert.Contains(loader, message, StringComparison.Ordinal);
        Assert.Contains($"apt-get install {package}", message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingMediaFile_SomeOtherFile_Null() =>
        Assert.Null(BootFailures.MissingMediaFile(Record.Exception(() => File.Copy(Path.Combine(_dir, "absent"), Path.Combine(_dir, "copy")))!));
}
