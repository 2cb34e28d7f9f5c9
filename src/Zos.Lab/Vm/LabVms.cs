using System.Globalization;
using Zos.Lab.Runtime;
using Zos.Lab.Topology;
using Zos.Linux.Processes;

namespace Zos.Lab.Vm;

/// <summary>
/// Powers lab VMs on and off: a blank sparse state disk in the node's directory, qemu started detached in the
/// switch namespace (where the taps are), SIGKILL for a power cut, the same arguments again for power-on.
/// </summary>
public sealed class LabVms(LabPaths paths, Action<LabProcess> record)
{
    public const long StateDiskBytes = 64L << 20;

    /// <summary>KVM when /dev/kvm opens for writing and the CPU shows virtualisation (vmx/svm); else TCG.</summary>
    public static bool KvmWorks()
    {
        try
        {
            using (File.Open("/dev/kvm", FileMode.Open, FileAccess.ReadWrite))
            {
            }
            var flags = File.ReadAllText("/proc/cpuinfo");
            return flags.Contains(" vmx", StringComparison.Ordinal) || flags.Contains(" svm", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Creates the node's disk (blank, sparse) and powers the VM on; the returned state records qemu's PID and arguments.</summary>
    public async Task<LabNodeState> StartAsync(LabNode node, bool kvm, CancellationToken ct)
    {
        var vm = node.Vm ?? throw new ArgumentException($"node {node.Label} is not a VM", nameof(node));
        var dir = paths.NodeDirectory(node.Namespace);
        Directory.CreateDirectory(dir);
        string? disk = null;
        if (vm.StateDisk)
        {
            disk = Path.Combine(dir, "state.img");
            await using (var file = new FileStream(disk, FileMode.Create, FileAccess.Write))
                file.SetLength(StateDiskBytes); // sparse: all zeros, no partition table, no filesystem signature
        }
        var launch = new LabVmLaunch($"zos-{node.Namespace}", vm.Nics, disk, Path.Combine(dir, "console.log"), Path.Combine(dir, "shell.sock"), kvm);
        var state = new LabVmState(vm.SwitchNamespace, QemuCommand.Arguments(launch), launch.ShellSocket, disk);
        var pid = await PowerOnAsync(node.Namespace, state, ct).ConfigureAwait(false);
        return new LabNodeState(node.Label, node.Farm.Name, node.Namespace, dir, launch.ConsoleLog, pid,
            [.. vm.Nics.Select(n => n.Mac.ToString())]) { Vm = state, Listed = node.Listed };
    }

    /// <summary>Powers a VM on again with the arguments (and so the disk) it had.</summary>
    public async Task<LabNodeState> RestartAsync(LabNodeState node, CancellationToken ct)
    {
        var vm = node.Vm ?? throw new ArgumentException($"node {node.Label} is not a VM", nameof(node));
        return node with { Pid = await PowerOnAsync(node.Namespace, vm, ct).ConfigureAwait(false) };
    }

    private async Task<int> PowerOnAsync(string name, LabVmState vm, CancellationToken ct)
    {
        File.Delete(vm.ShellSocket);
        var log = paths.Log($"qemu-{name}");
        var pid = await DetachedProcess.StartAsync(new HelperLaunch(QemuCommand.Program, vm.Arguments, vm.SwitchNamespace), log, ct).ConfigureAwait(false);
        record(new LabProcess("vm", vm.SwitchNamespace, pid, log));
        // qemu refuses bad arguments or a busy tap at once: say so with its own words.
        await Task.Delay(300, ct).ConfigureAwait(false);
        if (!DetachedProcess.IsRunning(pid))
        {
            var said = File.Exists(log) ? (await File.ReadAllTextAsync(log, ct).ConfigureAwait(false)).Trim() : "";
            throw new InvalidOperationException($"VM {name}: qemu exited at once (PID {pid.ToString(CultureInfo.InvariantCulture)}): {said} (see {log})");
        }
        return pid;
    }

    /// <summary>The last <paramref name="count"/> lines of a VM's console, cleaned of CRs and ANSI sequences.</summary>
    public static IReadOnlyList<string> ConsoleTail(string consoleLog, int count)
    {
        try
        {
            if (!File.Exists(consoleLog))
                return [];
            using var stream = new FileStream(consoleLog, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            var start = Math.Max(0, stream.Length - 16384);
            stream.Seek(start, SeekOrigin.Begin);
            using var reader = new StreamReader(stream);
            var lines = VmConsoleFraming.Clean(reader.ReadToEnd()).Split('\n').Where(l => l.Trim().Length > 0).ToList();
            return lines.Skip(Math.Max(0, lines.Count - count)).ToList();
        }
        catch (IOException)
        {
            return [];
        }
    }
}
