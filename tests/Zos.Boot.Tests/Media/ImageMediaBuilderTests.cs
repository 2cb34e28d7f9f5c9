using System.Buffers.Binary;
using Xunit;
using Zos.Boot.Media;
using Zos.Boot.Tests.Image;
using Zos.Testing;

namespace Zos.Boot.Tests.Media;

/// <summary>
/// <c>zos boot media --image</c> with a stand-in image: what is refused and why, and what lands on the medium (read
/// back with mtools, as a farmer's machine would see the stick). Booting real images is in Qemu/ImageMediaQemuTests.
/// </summary>
public sealed class ImageMediaBuilderTests : IDisposable
{
    private readonly FakeNodeImage _image = new();
    private readonly string _out = Directory.CreateTempSubdirectory("zos-media-test-").FullName;

    public void Dispose()
    {
        _image.Dispose();
        Directory.Delete(_out, recursive: true);
    }

    private BootMediaRequest Request(string format = "usb") => new()
    {
        FarmId = "42",
        Runmode = "test",
        Args = ["vlan:priv=10"],
        ImageDirectory = _image.Directory,
        RegistryUrl = "http://10.98.0.1:8081",
        Format = format,
        Output = Path.Combine(_out, $"medium.{format}"),
    };

    private static string[] Errors(BootMediaRequest request) => [.. BootMediaBuilder.Validate(request).Select(e => e.ToString())];

    [Fact]
    public void Validate_SizeBelowWhatTheImageNeeds_SaysBoth()
    {
        Assert.Equal(["error: --size: image needs 40 MiB, medium is 32 MiB"], Errors(Request() with { SizeMiB = 32 }));
    }

    [Fact]
    public void Validate_MissingImageDirectory_NamesIt()
    {
        var missing = Path.Combine(_out, "no-image");

        Assert.Equal([$"error: --image: '{missing}' is not a directory (build the image with: zos image build -o {missing})"],
            Errors(Request() with { ImageDirectory = missing }));
    }

    [Fact]
    public void Validate_ImageMissingItsInitramfs_NamesTheFile()
    {
        File.Delete(Path.Combine(_image.Directory, "zos-node.initramfs"));

        Assert.Equal([$"error: --image: '{_image.Directory}' has no zos-node.initramfs (not a node image directory; zos image build -o DIR writes it)"], Errors(Request()));
    }

    [Fact]
    public void Validate_ServerOrKernelUrlWithImage_AreRefused()
    {
        var errors = Errors(Request() with { ServerUrl = "http://10.98.0.1:8080", KernelUrl = "http://10.98.0.1:8080/kernel/x" });

        Assert.Equal(2, errors.Length);
        Assert.StartsWith("error: --server: does not apply with --image", errors[0], StringComparison.Ordinal);
        Assert.StartsWith("error: --kernel-url: does not apply with --image", errors[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SizeForAnIso_IsRefused()
    {
        Assert.Equal(["error: --size: an ISO's size follows its content; --size applies to usb and efi"], Errors(Request("iso") with { SizeMiB = 100 }));
    }

    [Fact]
    public void Validate_BadRegistryUrl_NamesIt()
    {
        Assert.Equal(["error: --registry: 'registry:8081' is not an absolute http:// or https:// URL"], Errors(Request() with { RegistryUrl = "registry:8081" }));
    }

    [Fact]
    public async Task Build_Usb_MbrWithActiveFat32PartitionHoldingBothLoadersAndTheImage()
    {
        Require.Tools("mkfs.vfat", "mcopy", "mtype", "syslinux", "grub-mkimage");
        var request = Request() with { SizeMiB = 48 };

        var result = await BootMediaBuilder.BuildAsync(request, TestContext.Current.CancellationToken);

        var disk = await File.ReadAllBytesAsync(result.Path, TestContext.Current.CancellationToken);
        Assert.Equal(48 * 1024 * 1024, disk.Length);
        Assert.Equal([0x55, 0xAA], disk[510..512]);
        Assert.Equal(0x80, disk[446]);
        Assert.Equal(MbrPartition.Fat32Lba, disk[450]);
        Assert.Equal(2048u, BinaryPrimitives.ReadUInt32LittleEndian(disk.AsSpan(454)));
        Assert.Equal(48u * 2048 - 2048, BinaryPrimitives.ReadUInt32LittleEndian(disk.AsSpan(458)));
        var fat = $"{result.Path}@@1048576";
        Assert.Equal(_image.Kernel, Extract(fat, "zos-node.vmlinuz"));
        Assert.Equal(_image.Initrd, Extract(fat, "zos-node.initramfs"));
        Assert.True(Extract(fat, "EFI/BOOT/BOOTX64.EFI").AsSpan().StartsWith("MZ"u8), "EFI/BOOT/BOOTX64.EFI is not a PE image");
        Assert.NotEmpty(Extract(fat, "ldlinux.sys"));
        Assert.Equal(
            "DEFAULT zos\nPROMPT 0\nTIMEOUT 0\nLABEL zos\n  LINUX /zos-node.vmlinuz\n  INITRD /zos-node.initramfs\n" +
            "  APPEND nomodeset version=v3 runmode=test panic=7200 farmer_id=42 vlan:priv=10 zos-registry=http://10.98.0.1:8081 console=tty0 console=ttyS0,115200 zos-state=auto\n",
            System.Text.Encoding.UTF8.GetString(Extract(fat, "syslinux.cfg")));
        Assert.Contains("farmer_id=42 vlan:priv=10 zos-registry=http://10.98.0.1:8081 console=tty0 console=ttyS0,115200", result.Script, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_Efi_EfiSystemPartitionWithoutBiosLoader()
    {
        Require.Tools("mkfs.vfat", "mcopy", "mtype", "grub-mkimage");

        var result = await BootMediaBuilder.BuildAsync(Request("efi"), TestContext.Current.CancellationToken);

        var mbr = new byte[512];
        await using (var file = File.OpenRead(result.Path))
            await file.ReadExactlyAsync(mbr, TestContext.Current.CancellationToken);
        Assert.Equal(0x00, mbr[446]);
        Assert.Equal(MbrPartition.EfiSystem, mbr[450]);
        Assert.All(mbr[..440], b => Assert.Equal(0, b));
        Assert.Equal(56L * 1024 * 1024, result.Length); // the computed default for a small image
        var fat = $"{result.Path}@@1048576";
        Assert.True(Extract(fat, "EFI/BOOT/BOOTX64.EFI").AsSpan().StartsWith("MZ"u8));
        Assert.Equal(_image.Initrd, Extract(fat, "zos-node.initramfs"));
        Assert.Null(TryExtract(fat, "ldlinux.sys"));
    }

    [Theory]
    [InlineData("usb")]
    [InlineData("iso")]
    public async Task Build_Twice_GivesTheSameBytes(string format)
    {
        Require.Tools("mkfs.vfat", "mcopy", "syslinux", "grub-mkimage", "xorriso");
        var first = await BootMediaBuilder.BuildAsync(Request(format) with { Output = Path.Combine(_out, "a") }, TestContext.Current.CancellationToken);
        await Task.Delay(1100, TestContext.Current.CancellationToken); // a clock second apart, so a time that leaked in would show

        var second = await BootMediaBuilder.BuildAsync(Request(format) with { Output = Path.Combine(_out, "b") }, TestContext.Current.CancellationToken);

        var a = await File.ReadAllBytesAsync(first.Path, TestContext.Current.CancellationToken);
        var b = await File.ReadAllBytesAsync(second.Path, TestContext.Current.CancellationToken);
        Assert.True(a.AsSpan().SequenceEqual(b), $"two {format} builds of one image differ");
    }

    private byte[] Extract(string fat, string path) => TryExtract(fat, path) ?? throw new InvalidOperationException($"{path} is not on the medium");

    private byte[]? TryExtract(string fat, string path)
    {
        var target = Path.Combine(_out, "extracted-" + Guid.NewGuid().ToString("N"));
        var r = Sh.Bash($"MTOOLS_SKIP_CHECK=1 mcopy -n -i '{fat}' '::/{path}' '{target}'");
        if (r.ExitCode != 0)
            return null;
        var bytes = File.ReadAllBytes(target);
        File.Delete(target);
        return bytes;
    }
}
