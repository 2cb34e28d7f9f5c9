namespace Zos.Lab.Runtime;

/// <summary>
/// The node image a farm's boot server serves to its VM nodes (`zos boot serve --image DIR`), and the registry URL
/// the VMs reach through the farm's router (the same address the namespace nodes use).
/// </summary>
public sealed record LabBootImage(string Directory, string RegistryUrl)
{
    public const string Kernel = "zos-node.vmlinuz";
    public const string Initrd = "zos-node.initramfs";

    /// <summary>
    /// The image's own arguments for a lab VM: both consoles with the serial one last (it becomes /dev/console, the
    /// log the lab keeps), the first blank disk as ZOS-STATE, a shell on ttyS1 (the lab's pings run there), and a
    /// reboot 10 s after a panic (qemu's -no-reboot turns it into a power-off the lab shows).
    /// </summary>
    public static readonly IReadOnlyList<string> VmArguments = ["console=tty0", "console=ttyS0,115200", "zos-state=auto", "zos-debug", "panic=10"];

    /// <summary>True when <paramref name="directory"/> holds both files the boot server needs.</summary>
    public static bool IsPresent(string directory) =>
        File.Exists(Path.Combine(directory, Kernel)) && File.Exists(Path.Combine(directory, Initrd));
}
