using Xunit;
using Zos.Boot.Media;
using Zos.Testing;

namespace Zos.Boot.Tests.Qemu;

/// <summary>
/// <c>zos boot media --image</c> with the real node image (<see cref="NodeTestImage"/>), booted by qemu (TCG) with no
/// network: SeaBIOS from the usb medium (syslinux), OVMF from the efi medium and from the ISO's El Torito EFI image
/// (GRUB), each until the image's init prints its first <c>zos-init:</c> line on the serial console, whose
/// command line must carry the farm id and registry the medium was built with.
/// </summary>
public sealed class ImageMediaQemuTests
{
    /// <summary>Firmware, loader and a 30 MB initramfs read through BIOS disk calls under TCG took 25-45 s here.</summary>
    private static readonly TimeSpan BootTimeout = TimeSpan.FromSeconds(90);

    private const string Registry = "http://10.98.0.1:8081";

    [Theory]
    [InlineData("usb", "bios")]
    [InlineData("efi", "uefi")]
    [InlineData("iso", "uefi")]
    public async Task Medium_BootsTheImageToItsInitWithTheFarmsCommandLine(string format, string firmware)
    {
        Require.Tools("qemu-system-x86_64", "mkfs.vfat", "mcopy", "syslinux", "grub-mkimage", "xorriso");
        var image = NodeTestImage.Directory;
        using var vm = new QemuConsole($"{format}-{firmware}");
        var medium = Path.Combine(vm.Directory, $"medium.{format}");
        await BootMediaBuilder.BuildAsync(new BootMediaRequest
        {
            FarmId = "42",
            Runmode = "test",
            Args = ["vlan:priv=10"],
            ImageDirectory = image,
            RegistryUrl = Registry,
            Format = format,
            Output = medium,
            FailureDelaySeconds = 1,
        }, TestContext.Current.CancellationToken);
        string[] drive = format == "iso" ? ["-cdrom", medium] : ["-drive", $"file={medium},format=raw,if=ide"];
        string[] machine = firmware == "uefi" ? ["-machine", "q35", .. vm.OvmfArgs()] : ["-machine", "pc"];

        var run = await vm.RunUntilAsync(null, [.. machine, .. drive, "-nic", "none"], "zos-init:", BootTimeout, TestContext.Current.CancellationToken);

        Assert.True(run.Found, $"no 'zos-init:' on the console within {BootTimeout.TotalSeconds} s ({format} medium, {firmware}); console kept at {vm.Log}:\n{run.Tail}\n{run.QemuErrors}");
        // The kernel logs its command line; the medium's must be the one it got.
        var console = run.Console.Replace("\r", "", StringComparison.Ordinal);
        Assert.True(console.Contains($"farmer_id=42 vlan:priv=10 zos-registry={Registry} console=tty0 console=ttyS0,115200 zos-state=auto", StringComparison.Ordinal),
            $"the kernel did not get the medium's command line; console kept at {vm.Log}:\n{run.Tail}");
        TestContext.Current.SendDiagnosticMessage($"{format} medium on {firmware}: zos-init after {run.Elapsed.TotalSeconds:F1} s");
        vm.Keep = false;
    }
}
