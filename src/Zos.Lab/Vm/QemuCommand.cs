using System.Globalization;

namespace Zos.Lab.Vm;

/// <summary>
/// The qemu-system-x86_64 command line of a lab VM (pure). The machine powers on into the management NIC's iPXE ROM
/// (<c>-boot n</c>; the other NICs carry no ROM, so only that one PXE-boots); <c>-no-reboot</c> turns a guest reboot
/// into qemu's exit; the console (ttyS0) is appended to a file across power cycles and the second serial port
/// (ttyS1, the image's debug shell under <c>zos-debug</c>) is a unix socket the lab connects to.
/// </summary>
public static class QemuCommand
{
    public const string Program = "qemu-system-x86_64";

    public static IReadOnlyList<string> Arguments(LabVmLaunch vm)
    {
        List<string> args =
        [
            "-name", vm.Name,
            "-machine", "pc",
            // reference/linux-on-this-machine.md §6: TCG where KVM does not work; -cpu host only with KVM.
            "-accel", vm.Kvm ? "kvm" : "tcg",
            .. (vm.Kvm ? (string[])["-cpu", "host"] : []),
            "-m", LabVmLaunch.MemoryMiB.ToString(CultureInfo.InvariantCulture),
            "-smp", "1",
            // -nographic (not -display none): only then SeaBIOS mirrors its screen, and the iPXE ROM's, to the serial
            // port, so the console log shows the firmware and PXE steps too. Serial ports and monitor are given
            // explicitly, so nothing goes to qemu's stdio.
            "-nodefaults", "-nographic", "-monitor", "none",
            "-no-reboot",
            "-boot", "n",
            "-chardev", $"file,id=console,path={vm.ConsoleLog},append=on",
            "-serial", "chardev:console",
            "-chardev", $"socket,id=shell,path={vm.ShellSocket},server=on,wait=off",
            "-serial", "chardev:shell",
            // A hardware RNG, as every server CPU has (RDRAND): without one the guest kernel seeds its generator from
            // timer jitter, which under TCG took 3-4 s, and the first boot's mkfs.ext4 (getrandom(2) for the UUID and
            // hash seed) waited for it.
            "-device", "virtio-rng-pci",
        ];
        for (var i = 0; i < vm.Nics.Count; i++)
        {
            var nic = vm.Nics[i];
            args.Add("-netdev");
            args.Add($"tap,id=net{i.ToString(CultureInfo.InvariantCulture)},ifname={nic.Tap},script=no,downscript=no");
            args.Add("-device");
            args.Add($"virtio-net-pci,netdev=net{i.ToString(CultureInfo.InvariantCulture)},mac={nic.Mac}" + (nic.Boot ? "" : ",romfile="));
        }
        if (vm.Disk is { } disk)
        {
            args.Add("-drive");
            args.Add($"file={disk},format=raw,if=virtio");
        }
        return args;
    }
}
