using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Xunit;
using Zos.Core.Image;
using Zos.Testing;

namespace Zos.Image.Tests;

/// <summary>
/// The image booted directly (qemu -kernel/-initrd, TCG, no network): init, the state disk and the daemon's identity.
/// One machine after another with the same disks, as a farmer's server that reboots.
/// </summary>
public sealed partial class ImageBootTests : IDisposable
{
    private static readonly TimeSpan BootLimit = TimeSpan.FromSeconds(150);
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("zos-imageboot-");
    private bool _passed;

    public void Dispose()
    {
        // Disks go; console logs stay when the test failed (their paths are in the failure message).
        foreach (var file in _dir.EnumerateFiles())
        {
            if (_passed || file.Extension != ".log")
                file.Delete();
        }
        if (_passed)
            _dir.Delete(recursive: true);
    }

    [Fact]
    public async Task The_state_disk_is_formatted_once_keeps_the_identity_and_no_other_disk_is_touched()
    {
        Require.Tools("qemu-system-x86_64");
        var image = TestImage.Directory();
        var state = Path.Combine(_dir.FullName, "state.img");
        var data = Path.Combine(_dir.FullName, "data.img");
        using (var f = File.Create(state))
            f.SetLength(64 << 20);
        var someonesData = RandomNumberGenerator.GetBytes(1 << 20);
        using (var f = File.Create(data))
        {
            f.Write(someonesData);
            f.SetLength(64 << 20);
        }

        // First boot: the blank disk becomes ZOS-STATE; the disk with data in its first MiB is not blank.
        string firstId;
        await using (var vm = Boot(image, "boot1", state, data))
        {
            await vm.WaitForAsync(FormattingLine(), BootLimit, "first boot formats the blank disk");
            await vm.WaitForAsync(MountedLine(), BootLimit, "first boot mounts ZOS-STATE");
            firstId = (await vm.WaitForAsync(NodeLine(), BootLimit, "first boot starts zos-node")).Groups[1].Value;
            // ext4 commits its journal every 5 s: give the new identity file time to reach the disk before power loss.
            await Task.Delay(TimeSpan.FromSeconds(8), TestContext.Current.CancellationToken);
            Assert.Equal(1, Regex.Count(vm.Console, "formatting blank disk"));
            Assert.Contains("/dev/vda", FormattingLine().Match(vm.Console).Value, StringComparison.Ordinal);
        }
        using (var f = File.OpenRead(data))
        {
            var first = new byte[1 << 20];
            f.ReadExactly(first);
            Assert.True(first.AsSpan().SequenceEqual(someonesData), "the disk with data was written to");
        }

        // Second boot after power loss: the same ZOS-STATE, nothing formatted, the same node id.
        await using (var vm = Boot(image, "boot2", state, data))
        {
            await vm.WaitForAsync(MountedLine(), BootLimit, "second boot mounts ZOS-STATE");
            var secondId = (await vm.WaitForAsync(NodeLine(), BootLimit, "second boot starts zos-node")).Groups[1].Value;
            Assert.DoesNotContain("formatting blank disk", vm.Console, StringComparison.Ordinal);
            Assert.Equal(firstId, secondId);
        }

        // No disk at all: the node runs on memory, says so, and has another identity.
        await using (var vm = Boot(image, "boot3"))
        {
            await vm.WaitForAsync(new Regex("no ZOS-STATE disk: the state is in memory"), BootLimit, "a boot without disks says its state is volatile");
            var volatileId = (await vm.WaitForAsync(NodeLine(), BootLimit, "a boot without disks starts zos-node")).Groups[1].Value;
            Assert.NotEqual(firstId, volatileId);
        }
        _passed = true;
    }

    private QemuMachine Boot(string image, string name, params string[] disks)
    {
        var args = new List<string>
        {
            "-kernel", Path.Combine(image, ImageManifest.KernelFile), "-initrd", Path.Combine(image, ImageManifest.InitramfsFile),
            "-append", "console=ttyS0,115200 panic=-1 farmer_id=7 runmode=dev zos-state=auto zos-registry=http://192.0.2.1:8480",
            "-nic", "none",
        };
        foreach (var disk in disks)
            args.AddRange(["-drive", $"file={disk},format=raw,if=virtio"]);
        return QemuMachine.Start(Path.Combine(_dir.FullName, name + ".log"), args);
    }

    [GeneratedRegex(@"zos-init: zos-state=auto: formatting blank disk (/dev/\w+)")]
    private static partial Regex FormattingLine();

    [GeneratedRegex(@"zos-init: state disk /dev/vda \(ZOS-STATE\) mounted")]
    private static partial Regex MountedLine();

    [GeneratedRegex(@"node (\w{40,}) farm 7")]
    private static partial Regex NodeLine();
}
