using Xunit;
using Zos.Boot.Media;
using Zos.Testing;

namespace Zos.Boot.Tests.Media;

/// <summary>Media without --image (a loader that fetches the kernel): the registry and a separate initramfs reach its script.</summary>
public sealed class NetworkMediaBuilderTests : IDisposable
{
    private readonly string _out = Directory.CreateTempSubdirectory("zos-netmedia-test-").FullName;

    public void Dispose() => Directory.Delete(_out, recursive: true);

    private BootMediaRequest Request() => new()
    {
        FarmId = "42",
        Runmode = "test",
        ServerUrl = "http://10.98.0.1:8080",
        KernelUrl = "http://10.98.0.1:8080/kernel/zos-node.vmlinuz",
        InitrdUrl = "http://10.98.0.1:8080/kernel/zos-node.initramfs",
        RegistryUrl = "http://10.98.0.1:8081",
        Format = "efi",
        Output = Path.Combine(_out, "medium.img"),
    };

    [Fact]
    public async Task Build_WithRegistryAndInitrd_ScriptBootsBothWithZosRegistry()
    {
        Require.Tools("mkfs.vfat", "mcopy", "grub-mkstandalone");

        var result = await BootMediaBuilder.BuildAsync(Request(), TestContext.Current.CancellationToken);

        Assert.Contains("kernel --name zos http://10.98.0.1:8080/kernel/zos-node.vmlinuz initrd=zos-node.initramfs nomodeset version=v3 runmode=test panic=7200 farmer_id=42 zos-registry=http://10.98.0.1:8081 || goto fetch_failed",
            result.Script, StringComparison.Ordinal);
        Assert.Contains("initrd --name zos-node.initramfs http://10.98.0.1:8080/kernel/zos-node.initramfs || goto fetch_failed", result.Script, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_HttpsInitrd_IsRefusedForGrub()
    {
        var errors = BootMediaBuilder.Validate(Request() with { InitrdUrl = "https://10.98.0.1/i.gz" }).Select(e => e.ToString());

        Assert.Equal(["error: --initrd-url: 'https://10.98.0.1/i.gz' is not http://: the UEFI loader (Debian's GRUB 2.06) has no TLS"], errors);
    }

    [Fact]
    public void Validate_SizeWithoutImage_IsRefused()
    {
        Assert.Equal(["error: --size: applies to media with --image only (a network medium is a few MiB)"],
            BootMediaBuilder.Validate(Request() with { SizeMiB = 64 }).Select(e => e.ToString()));
    }
}
