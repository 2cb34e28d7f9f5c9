using System.Diagnostics;
using System.Text.RegularExpressions;
using Xunit;
using Zos.Boot.Media;
using Zos.Core.Contracts;
using Zos.Testing;

namespace Zos.Boot.Tests.Qemu;

/// <summary>
/// The boot media carry a working node by themselves: <c>zos boot media --image</c> (the usb medium under SeaBIOS, the efi medium under OVMF)
/// boots a qemu VM (TCG) with a blank state disk and a virtio NIC without PXE ROM on <see cref="MediaFarmLan"/>, all
/// the way to a node that is up in the farm's registry. "Registered" is what the registry says; the console only
/// tells which node id the daemon had, and is kept for the failure message.
/// </summary>
[Collection(nameof(QemuCollection))]
public sealed partial class ImageMediaRegistrationQemuTests(MediaFarmLan lan) : IClassFixture<MediaFarmLan>
{
    /// <summary>
    /// Firmware and loader reading a ~30 MB initramfs by BIOS/UEFI disk calls took 25-45 s under TCG here, then kernel,
    /// init, DHCP and registration; 4 min leaves room for a machine shared with other qemu runs.
    /// </summary>
    private static readonly TimeSpan RegisteredTimeout = TimeSpan.FromMinutes(4);

    [GeneratedRegex(@"node (\S+) farm (\d+)")]
    private static partial Regex NodeLine();

    [Theory]
    [InlineData("usb", "bios", 1)]
    [InlineData("efi", "uefi", 2)]
    public async Task Medium_WithImage_BootsToANodeUpInTheFarmsRegistry(string format, string firmware, int index)
    {
        if (lan.Missing is { } missing)
            Require.Missing(missing);
        Require.Tools("mkfs.vfat", "mcopy", "syslinux", "grub-mkimage");
        var image = TestImage.Directory();
        using var vm = new QemuConsole($"media-reg-{format}");
        var medium = Path.Combine(vm.Directory, $"medium.{format}");
        await BootMediaBuilder.BuildAsync(new BootMediaRequest
        {
            FarmId = lan.FarmId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Runmode = "dev",
            Args = [MediaFarmLan.ProbeArgument],
            FarmToken = lan.FarmToken,
            ImageDirectory = image,
            RegistryUrl = lan.RegistryUrl,
            Format = format,
            Output = medium,
            FailureDelaySeconds = 1,
        }, TestContext.Current.CancellationToken);
        var state = Path.Combine(vm.Directory, "state.img");
        using (var disk = File.Create(state))
            disk.SetLength(64L << 20);
        var tap = $"zmtap{index}";
        lan.AddTap(tap);
        var mac = $"52:54:00:7a:00:{index:x2}";
        string[] machine = firmware == "uefi" ? ["-machine", "q35", .. vm.OvmfArgs()] : ["-machine", "pc"];
        // The farm is the class's: nodes earlier tests registered are not this VM's.
        var earlier = lan.Nodes().Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        NodeView? registered = null;

        var run = await vm.RunUntilAsync(lan.Namespace,
        [
            .. machine, "-boot", "c",
            "-drive", $"file={medium},format=raw,if=ide",
            "-drive", $"file={state},format=raw,if=virtio",
            "-netdev", $"tap,id=n0,ifname={tap},script=no,downscript=no", "-device", $"virtio-net-pci,netdev=n0,mac={mac},romfile=",
        ], console =>
        {
            // The registry is asked only once the daemon said who it is: curl in a namespace costs CPU TCG needs.
            if (!NodeLine().IsMatch(console))
                return false;
            registered = lan.Nodes().FirstOrDefault(n => n.Status == NodeStatus.Up && !earlier.Contains(n.Id));
            return registered is not null;
        }, TimeSpan.FromSeconds(2), RegisteredTimeout, TestContext.Current.CancellationToken);

        var where = $"{format} medium on {firmware}; console kept at {vm.Log}; registry log {lan.RegistryLog}:\n{run.Tail}\n{run.QemuErrors}";
        Assert.True(run.Found, $"no new node up in farm {lan.FarmId} of {lan.RegistryUrl} within {RegisteredTimeout.TotalMinutes} min ({where})");
        var line = NodeLine().Match(run.Console);
        var farm = lan.FarmId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(line.Groups[2].Value == farm, $"the daemon said farm {line.Groups[2].Value}, the medium was built for farm {farm} ({where})");
        Assert.True(line.Groups[1].Value == registered!.Id, $"node {registered.Id} is up in the registry but the daemon on the console is node {line.Groups[1].Value} ({where})");
        Assert.Equal(lan.FarmId, registered.FarmId);
        Assert.False(registered.IdentityVolatile, $"the node registered with a volatile identity although it had a blank state disk ({where})");
        TestContext.Current.SendDiagnosticMessage($"{format} medium on {firmware}: node {registered.Id} up in farm {lan.FarmId} after {clock.Elapsed.TotalSeconds:F1} s");
        vm.Keep = false;
    }
}
