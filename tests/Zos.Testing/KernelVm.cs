using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Xunit;
using Zos.Image.Archive;

namespace Zos.Testing;

/// <summary>
/// Runs tests under Debian's kernel (the node image's, with 802.1Q, bridge VLAN filtering and the WireGuard module)
/// when the build machine's kernel lacks a feature: a qemu VM (TCG) boots that kernel with a small initramfs that mounts
/// this machine's root read-only over 9p (virtio), puts a tmpfs overlay on it, adds the kernel's modules, and switches
/// into it, so the same test assembly runs there with the same tools, filtered to the tests marked with
/// <see cref="Trait"/>. One VM per test assembly; each marked test then takes its own outcome from that run.
/// </summary>
public static partial class KernelVm
{
    /// <summary>The trait (name and value) that marks the tests a VM run takes.</summary>
    public const string Trait = "kernel";
    public const string TraitValue = "vm";

    /// <summary>Set inside the VM: the tests run under Debian's kernel.</summary>
    public const string InsideVariable = "ZOS_IN_KERNEL_VM";

    public static bool Inside => Environment.GetEnvironmentVariable(InsideVariable) == "1";

    /// <summary>Where the kernel package the image build downloaded is looked for.</summary>
    public const string DebDirectory = "/var/cache/zos/image/debs";

    private static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(12);
    private static readonly ConcurrentDictionary<string, Lazy<Task<VmRun>>> s_runs = new(StringComparer.Ordinal);

    /// <summary>
    /// True when the test was run under Debian's kernel instead and passed there (the caller returns at once); false
    /// when this kernel has <paramref name="feature"/> (the caller goes on here). Fails when it failed in the VM, when
    /// even Debian's kernel lacks the feature, or (under ZOS_REQUIRE_PRIVILEGED=1) when no VM can be started.
    /// </summary>
    public static bool RanInVm(string feature, Func<bool> probe)
    {
        if (probe())
            return false;
        if (Inside)
            Assert.Fail($"Debian's kernel in the VM lacks {feature} too");
        if (!OperatingSystem.IsLinux())
        {
            Require.Missing("Linux");
            return false;
        }
        return RunInVm(feature);
    }

    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    private static bool RunInVm(string feature)
    {
        var test = TestContext.Current.Test ?? throw new InvalidOperationException("KernelVm.RanInVm is called from a test");
        var assembly = TestContext.Current.TestAssembly?.AssemblyPath ?? throw new InvalidOperationException("no test assembly in the test context");
        if (Missing() is { } missing)
            Require.Missing($"{missing} to run the test under Debian's kernel (this kernel lacks {feature})");
        var run = s_runs.GetOrAdd(assembly, a => new Lazy<Task<VmRun>>(() => RunAsync(a))).Value.GetAwaiter().GetResult();
        var name = test.TestDisplayName;
        var outcome = run.Outcomes.GetValueOrDefault(name);
        Assert.True(outcome == "passed",
            $"under Debian's kernel (this one lacks {feature}) {name} {(outcome is null ? "did not run" : outcome)}; VM console kept at {run.ConsoleLog}:\n{Tail(run.Console, 60)}");
        TestContext.Current.SendDiagnosticMessage($"{name}: passed under Debian's kernel in a VM ({run.Elapsed.TotalSeconds:F0} s for {run.Outcomes.Count} test(s))");
        return true;
    }

    private static string? Missing()
    {
        foreach (var tool in new[] { "qemu-system-x86_64", "dpkg-deb", "depmod", "busybox", "ldd" })
        {
            if (Sh.Which(tool) is null)
                return $"the program '{tool}'";
        }
        return KernelPackage() is null ? $"a Debian kernel package in {DebDirectory} (`zos image build` downloads it)" : null;
    }

    /// <summary>The newest linux-image-*-amd64 package of the image build's cache (not the meta package).</summary>
    private static string? KernelPackage() =>
        Directory.Exists(DebDirectory)
            ? Directory.GetFiles(DebDirectory, "linux-image-*-amd64_*_amd64.deb")
                .Where(f => KernelFileName().IsMatch(Path.GetFileName(f)))
                .OrderBy(f => f, StringComparer.Ordinal).LastOrDefault()
            : null;

    [GeneratedRegex(@"^linux-image-\d+\.\d+\.\d+-\d+-amd64_")]
    private static partial Regex KernelFileName();

    private sealed record VmRun(IReadOnlyDictionary<string, string> Outcomes, string Console, string ConsoleLog, TimeSpan Elapsed);

    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    private static async Task<VmRun> RunAsync(string assembly)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var (kernel, modules, release) = UnpackKernel(KernelPackage()!);
        var dir = Directory.CreateTempSubdirectory("zos-kernelvm-").FullName;
        var output = Path.Combine(dir, "out");
        Directory.CreateDirectory(output);
        var initramfs = Path.Combine(dir, "runner.cpio");
        WriteInitramfs(initramfs, modules, release, Script(assembly));
        var log = Path.Combine(dir, "console.log");
        await using (var vm = QemuMachine.Start(log,
        [
            "-smp", "2", "-kernel", kernel, "-initrd", initramfs,
            "-append", "console=ttyS0 quiet panic=-1",
            "-virtfs", "local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap",
            "-virtfs", $"local,path={modules},mount_tag=kmods,security_model=none,readonly=on",
            "-virtfs", $"local,path={output},mount_tag=out,security_model=none",
        ], memoryMiB: 3072))
        {
            if (!await vm.WaitForExitAsync(RunLimit))
                Assert.Fail($"the kernel VM did not finish within {RunLimit.TotalMinutes} min; console at {log}:\n{Tail(vm.Console, 60)}");
        }
        var console = Path.Combine(output, "tests.txt");
        var text = File.Exists(console) ? await File.ReadAllTextAsync(console) : "";
        // The xUnit.net v2 XML result: <test name="display name" result="Pass|Fail|Skip">.
        var outcomes = new Dictionary<string, string>(StringComparer.Ordinal);
        var xml = Path.Combine(output, "results.xml");
        if (File.Exists(xml))
        {
            foreach (var test in System.Xml.Linq.XDocument.Load(xml).Descendants("test"))
            {
                var result = (string?)test.Attribute("result");
                outcomes[(string?)test.Attribute("name") ?? ""] = result switch { "Pass" => "passed", "Fail" => "failed", "Skip" => "skipped", _ => result ?? "unknown" };
            }
        }
        var all = await File.ReadAllTextAsync(log) + "\n" + text;
        // The VM's files go when everything passed; otherwise the console stays for the failure message.
        if (outcomes.Count > 0 && outcomes.Values.All(o => o == "passed"))
        {
            Directory.Delete(dir, recursive: true);
            log = "(deleted: every test passed)";
        }
        return new VmRun(outcomes, all, log, started.Elapsed);
    }

    /// <summary>The test assembly run inside, as pid 1 of the switched root; results go to the shared directory.</summary>
    private static string Script(string assembly) => $$"""
        #!/bin/sh
        mount -t tmpfs tmpfs /tmp; mount -t tmpfs tmpfs /run
        mkdir -p /zos-out && mount -t 9p -o trans=virtio,version=9p2000.L out /zos-out
        export {{InsideVariable}}=1 ZOS_REQUIRE_PRIVILEGED=1 HOME=/tmp DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_GCHeapHardLimit=0x60000000
        export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
        cd '{{Path.GetDirectoryName(assembly)}}'
        dotnet '{{assembly}}' -trait '{{Trait}}={{TraitValue}}' -noColor -noLogo -noAutoReporters -reporter verbose -result-xml /zos-out/results.xml > /zos-out/tests.txt 2>&1
        echo "exit code $?" >> /zos-out/tests.txt
        sync
        poweroff -f
        """;

    /// <summary>The kernel and its modules (with modules.dep) unpacked once per package version, under the image cache.</summary>
    private static (string Kernel, string Modules, string Release) UnpackKernel(string deb)
    {
        var root = Path.Combine(Path.GetDirectoryName(DebDirectory)!, "kernel-vm", Path.GetFileNameWithoutExtension(deb));
        var boot = Path.Combine(root, "boot");
        if (!Directory.Exists(boot) || Directory.GetFiles(boot, "vmlinuz-*").Length == 0)
        {
            var temp = root + ".tmp";
            if (Directory.Exists(temp))
                Directory.Delete(temp, recursive: true);
            Directory.CreateDirectory(temp);
            Sh.Run("dpkg-deb", "-x", deb, temp).EnsureSuccess($"dpkg-deb -x {deb}");
            var unpackedRelease = Path.GetFileName(Directory.GetDirectories(Path.Combine(temp, "lib", "modules")).Single());
            Sh.Run("depmod", "-b", temp, unpackedRelease).EnsureSuccess("depmod");
            if (Directory.Exists(root))
                Directory.Delete(root, recursive: true);
            Directory.Move(temp, root);
        }
        var release = Path.GetFileName(Directory.GetDirectories(Path.Combine(root, "lib", "modules")).Single());
        return (Directory.GetFiles(boot, "vmlinuz-*").Single(), Path.Combine(root, "lib", "modules", release), release);
    }

    // Loaded in this order (each after what it needs): virtio PCI transport, 9p over virtio, overlayfs.
    private static readonly string[] s_earlyModules =
    [
        "drivers/virtio/virtio_ring", "drivers/virtio/virtio", "drivers/virtio/virtio_pci_legacy_dev", "drivers/virtio/virtio_pci_modern_dev",
        "drivers/virtio/virtio_pci", "fs/netfs/netfs", "fs/fscache/fscache", "net/9p/9pnet", "net/9p/9pnet_virtio", "fs/9p/9p", "fs/overlayfs/overlay",
    ];

    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    private static void WriteInitramfs(string path, string modules, string release, string script)
    {
        var entries = new List<CpioEntry> { CpioEntry.Directory("bin"), CpioEntry.Directory("m"), CpioEntry.Directory("proc"), CpioEntry.Directory("sys"), CpioEntry.Directory("dev") };
        var busybox = Sh.Which("busybox")!;
        entries.Add(CpioEntry.File("bin/busybox", File.ReadAllBytes(busybox), executable: true));
        foreach (var library in SharedLibraries(busybox))
        {
            AddDirectories(entries, Path.GetDirectoryName(library.TrimStart('/'))!);
            entries.Add(CpioEntry.File(library.TrimStart('/'), File.ReadAllBytes(library), executable: true));
        }
        var names = new List<string>();
        foreach (var module in s_earlyModules)
        {
            var name = Path.GetFileName(module);
            names.Add(name);
            entries.Add(CpioEntry.File($"m/{name}.ko", File.ReadAllBytes(Path.Combine(modules, "kernel", module + ".ko")), executable: false));
        }
        entries.Add(CpioEntry.File("run.sh", System.Text.Encoding.UTF8.GetBytes(script.ReplaceLineEndings("\n") + "\n"), executable: true));
        entries.Add(CpioEntry.File("init", System.Text.Encoding.UTF8.GetBytes($$"""
            #!/bin/busybox sh
            /bin/busybox --install -s /bin
            mount -t proc proc /proc; mount -t sysfs sys /sys; mount -t devtmpfs dev /dev
            for m in {{string.Join(' ', names)}}; do insmod /m/$m.ko || echo "kernel-vm: insmod $m failed"; done
            mkdir -p /lower /upper /root /kmod
            mount -t 9p -o trans=virtio,version=9p2000.L,ro,msize=524288,cache=loose hostroot /lower || echo "kernel-vm: 9p root failed"
            mount -t tmpfs tmpfs /upper && mkdir -p /upper/u /upper/w
            mount -t overlay overlay -o lowerdir=/lower,upperdir=/upper/u,workdir=/upper/w /root || echo "kernel-vm: overlay failed"
            mount -t 9p -o trans=virtio,version=9p2000.L,ro kmods /kmod || echo "kernel-vm: 9p modules failed"
            mkdir -p /root/usr/lib/modules/{{release}} && mount --bind /kmod /root/usr/lib/modules/{{release}}
            cp /run.sh /root/zos-run.sh
            mount --move /proc /root/proc; mount --move /sys /root/sys; mount --move /dev /root/dev
            echo "kernel-vm: switching to the shared root"
            exec switch_root /root /bin/sh /zos-run.sh
            """.ReplaceLineEndings("\n") + "\n"), executable: true));
        using var file = File.Create(path);
        CpioNewcWriter.Write(file, entries, DateTimeOffset.UnixEpoch);
    }

    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    private static void AddDirectories(List<CpioEntry> entries, string directory)
    {
        var parts = directory.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 1; i <= parts.Length; i++)
        {
            var d = string.Join('/', parts[..i]);
            if (!entries.Any(e => e.Path == d))
                entries.Add(CpioEntry.Directory(d));
        }
    }

    /// <summary>The shared libraries a dynamically linked program loads (ldd), by the paths it finds them at.</summary>
    private static IEnumerable<string> SharedLibraries(string program) =>
        Sh.Run("ldd", program).StdOut.Split('\n')
            .Select(l => LibraryPath().Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal);

    [GeneratedRegex(@"(/\S+) \(0x")]
    private static partial Regex LibraryPath();

    private static string Tail(string text, int lines)
    {
        var all = text.Split('\n');
        return string.Join('\n', all.Skip(Math.Max(0, all.Length - lines)));
    }
}
