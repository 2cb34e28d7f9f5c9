using System.Diagnostics;
using System.IO.Compression;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Zos.Image.Archive;
using Zos.Image.Debian;
using Zos.Image.Elf;
using Zos.Core.Image;
using Zos.Image.Modules;
using Zos.Linux.Processes;

namespace Zos.Image.Build;

/// <summary>
/// <c>zos image build</c>: fetches the Debian packages, publishes the daemon, assembles the initramfs (init, busybox,
/// the programs and the libraries they load, the kernel modules with their dependencies) and writes kernel,
/// initramfs and manifest. The same inputs give the same bytes. The files appear in the output directory only when
/// all of them are written; a failed build leaves the directory as it was.
/// </summary>
public sealed class ImageBuilder(ImageBuildOptions options, Action<string> progress)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public async Task<ImageManifest> BuildAsync(CancellationToken ct)
    {
        var apt = new AptPackageSource(options.CacheDirectory);
        var kernelVersion = options.KernelVersion ?? await AptPackageSource.CurrentKernelVersionAsync(ct).ConfigureAwait(false);
        Say($"kernel {kernelVersion}; fetching packages into {apt.DebDirectory}");
        var names = new List<string> { ImageRecipe.KernelPackage(kernelVersion) };
        names.AddRange(ImageRecipe.Programs.Select(p => p.Package).Distinct());
        names.AddRange(ImageRecipe.LibraryPackages);
        names.Add(ImageRecipe.Certificates.Package);
        IReadOnlyList<DebianPackageFile> debs;
        try
        {
            debs = await apt.DownloadAsync(names, ct).ConfigureAwait(false);
        }
        catch (ImageBuildException) when (options.KernelVersion is not null)
        {
            throw new ImageBuildException($"--kernel {options.KernelVersion}: apt has no package {ImageRecipe.KernelPackage(options.KernelVersion)} " +
                "(apt-cache search linux-image- lists the kernels it has; run apt-get update first)");
        }
        var packages = new Dictionary<string, PackageTree>(StringComparer.Ordinal);
        foreach (var deb in debs)
            packages[deb.Name] = new PackageTree(deb.Name, await apt.ExtractAsync(deb, ct).ConfigureAwait(false));
        Say($"{debs.Count} packages unpacked");

        var work = Directory.CreateTempSubdirectory("zos-image-");
        try
        {
            var daemonDirectory = options.DaemonDirectory;
            if (daemonDirectory is null)
            {
                if (options.SourceRoot is null)
                    throw new ImageBuildException("no zos-node to put in the image: give --source (the Zos source tree) or --daemon (a published zos-node)");
                daemonDirectory = Path.Combine(work.FullName, "daemon");
                Say("publishing zos-node (Native AOT)");
                await DaemonPublisher.PublishAsync(options.SourceRoot, daemonDirectory, ct).ConfigureAwait(false);
            }
            else
                DaemonPublisher.Check(daemonDirectory);

            var tree = new ImageTree();
            AddSkeleton(tree, kernelVersion);
            foreach (var (package, from, to) in ImageRecipe.Programs)
                AddFromPackage(tree, packages[package], from, to);
            tree.AddFile("usr/lib/zos/" + DaemonPublisher.Executable, await File.ReadAllBytesAsync(Path.Combine(daemonDirectory, DaemonPublisher.Executable), ct).ConfigureAwait(false), executable: true);
            tree.AddFile("usr/lib/zos/" + DaemonPublisher.Sodium, await File.ReadAllBytesAsync(Path.Combine(daemonDirectory, DaemonPublisher.Sodium), ct).ConfigureAwait(false), executable: true);
            AddCertificates(tree, packages[ImageRecipe.Certificates.Package]);
            foreach (var (path, target) in ImageRecipe.Links)
                tree.AddSymlink(path, target);
            await AddBusyboxAppletsAsync(tree, packages["busybox-static"], ct).ConfigureAwait(false);
            AddLibraries(tree, ImageRecipe.LibraryPackages.Select(n => packages[n]).ToList());
            Say("programs and libraries in place");
            var modules = await AddModulesAsync(tree, packages[ImageRecipe.KernelPackage(kernelVersion)], kernelVersion, work.FullName, ct).ConfigureAwait(false);
            Say($"{modules.Count} kernel modules with their dependencies");
            var firmware = new FirmwareResult([], []);
            if (options.Firmware)
            {
                var (firmwareDebs, found) = await AddFirmwareAsync(tree, packages[ImageRecipe.KernelPackage(kernelVersion)], kernelVersion, modules, ct).ConfigureAwait(false);
                debs = [.. debs, .. firmwareDebs];
                firmware = found;
                Say($"{firmware.Files.Count} firmware files the NIC drivers name, from {ImageRecipe.FirmwareComponent}" +
                    (firmware.NotFound.Count > 0 ? $"; in no firmware package: {string.Join(", ", firmware.NotFound)}" : ""));
            }

            var partial = Path.Combine(work.FullName, "out");
            Directory.CreateDirectory(partial);
            var initramfs = Path.Combine(partial, ImageManifest.InitramfsFile);
            await using (var file = File.Create(initramfs))
            await using (var gzip = new GZipStream(file, CompressionLevel.SmallestSize))
                CpioNewcWriter.Write(gzip, tree.Entries, options.SourceDateEpoch);
            var kernel = Path.Combine(partial, ImageManifest.KernelFile);
            File.Copy(packages[ImageRecipe.KernelPackage(kernelVersion)].Resolve($"boot/vmlinuz-{kernelVersion}")
                ?? throw new ImageBuildException($"{ImageRecipe.KernelPackage(kernelVersion)} has no boot/vmlinuz-{kernelVersion}"), kernel);
            Say($"initramfs {new FileInfo(initramfs).Length / 1048576.0:0.0} MiB (gzip), kernel {new FileInfo(kernel).Length / 1048576.0:0.0} MiB");

            var manifest = await ManifestAsync(kernel, initramfs, kernelVersion, tree, debs, modules, firmware, ct).ConfigureAwait(false);
            await File.WriteAllTextAsync(Path.Combine(partial, ImageManifest.FileName), ImageManifestJson.Serialize(manifest), ct).ConfigureAwait(false);

            Directory.CreateDirectory(options.OutputDirectory);
            foreach (var name in (string[])[ImageManifest.KernelFile, ImageManifest.InitramfsFile, ImageManifest.FileName])
                File.Move(Path.Combine(partial, name), Path.Combine(options.OutputDirectory, name), overwrite: true);
            Say($"image {manifest.ImageSha256[..16]}… written to {options.OutputDirectory}");
            return manifest;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private void Say(string text) => progress($"{_clock.Elapsed.TotalSeconds,5:0.0} s • {text}");

    private static void AddSkeleton(ImageTree tree, string kernelVersion)
    {
        foreach (var dir in (string[])["dev", "proc", "sys", "run", "tmp", "root", "var/lib/zos", "usr/bin", "usr/sbin", "usr/lib64"])
            tree.AddDirectory(dir);
        using var init = typeof(ImageBuilder).Assembly.GetManifestResourceStream("Zos.Image.init")
            ?? throw new ImageBuildException("the init script is missing from Zos.Image (build problem)");
        using var buffer = new MemoryStream();
        init.CopyTo(buffer);
        tree.AddFile("init", buffer.ToArray(), executable: true);
        var version = typeof(ImageBuilder).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
        Text(tree, "etc/os-release",
            $"NAME=\"Zos node\"\nID=zos\nVERSION_ID=\"{version.Split('+')[0]}\"\nPRETTY_NAME=\"Zos node image {version.Split('+')[0]} (Debian kernel {kernelVersion})\"\n");
        Text(tree, "etc/passwd", "root:x:0:0:root:/root:/bin/sh\n");
        Text(tree, "etc/group", "root:x:0:\n");
        Text(tree, "etc/hosts", "127.0.0.1 localhost\n::1 localhost\n");
        Text(tree, "etc/nsswitch.conf", "passwd: files\ngroup: files\nhosts: files dns\n");
    }

    private static void Text(ImageTree tree, string path, string text) => tree.AddFile(path, Encoding.UTF8.GetBytes(text), executable: false);

    private static void AddFromPackage(ImageTree tree, PackageTree package, string from, string to)
    {
        var real = package.Resolve(from) ?? throw new ImageBuildException($"package {package.Name} has no {from}");
        if (Directory.Exists(real))
        {
            foreach (var entry in Directory.EnumerateFileSystemEntries(real, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var relative = Path.GetRelativePath(real, entry).Replace('\\', '/');
                var info = new FileInfo(entry);
                if (info.LinkTarget is { } target)
                    tree.AddSymlink($"{to}/{relative}", target);
                else if (Directory.Exists(entry))
                    tree.AddDirectory($"{to}/{relative}");
                else
                    tree.AddFile($"{to}/{relative}", File.ReadAllBytes(entry), IsExecutable(entry));
            }
            return;
        }
        tree.AddFile(to, File.ReadAllBytes(real), IsExecutable(real));
    }

    private static void AddCertificates(ImageTree tree, PackageTree package)
    {
        var (_, from, bundle) = ImageRecipe.Certificates;
        var dir = package.Resolve(from) ?? throw new ImageBuildException($"package {package.Name} has no {from}");
        using var all = new MemoryStream();
        foreach (var file in Directory.EnumerateFiles(dir, "*.crt").Order(StringComparer.Ordinal))
        {
            var pem = File.ReadAllBytes(file);
            all.Write(pem);
            if (pem.Length > 0 && pem[^1] != (byte)'\n')
                all.WriteByte((byte)'\n');
        }
        if (all.Length == 0)
            throw new ImageBuildException($"package {package.Name} has no certificates under {from}");
        tree.AddFile(bundle, all.ToArray(), executable: false);
    }

    private static bool IsExecutable(string path) => (File.GetUnixFileMode(path) & UnixFileMode.UserExecute) != 0;

    private static async Task AddBusyboxAppletsAsync(ImageTree tree, PackageTree busybox, CancellationToken ct)
    {
        var program = busybox.Resolve("bin/busybox") ?? throw new ImageBuildException("busybox-static has no bin/busybox");
        var list = await ProcessRunner.RunCheckedAsync(new HelperLaunch(program, ["--list-full"]), "list busybox applets", cancellationToken: ct).ConfigureAwait(false);
        foreach (var line in list.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var name = line[(line.LastIndexOf('/') + 1)..];
            if (name.Length == 0 || ImageRecipe.ExcludedApplets.Contains(name) || tree.Contains("usr/bin/" + name) || tree.Contains("usr/sbin/" + name))
                continue;
            var directory = line.Contains("sbin/", StringComparison.Ordinal) ? "usr/sbin" : "usr/bin";
            tree.AddSymlink($"{directory}/{name}", "/usr/bin/busybox");
        }
    }

    /// <summary>Every library the image's ELF files need (DT_NEEDED, transitively), from the library packages.</summary>
    private static void AddLibraries(ImageTree tree, IReadOnlyList<PackageTree> libraryPackages)
    {
        var index = new Dictionary<string, (PackageTree Package, string Path)>(StringComparer.Ordinal);
        foreach (var package in libraryPackages)
        {
            foreach (var dir in ImageRecipe.LibrarySearchPaths)
            {
                var full = Path.Combine(package.Root, dir);
                if (!Directory.Exists(full))
                    continue;
                foreach (var file in Directory.EnumerateFileSystemEntries(full).Order(StringComparer.Ordinal))
                    index.TryAdd(Path.GetFileName(file), (package, $"{dir}/{Path.GetFileName(file)}"));
            }
        }
        var pending = new Queue<(string Soname, string NeededBy)>(ImageRecipe.LoadedAtRunTime.Select(l => (l, "the .NET runtime (dlopen)")));
        foreach (var entry in tree.Entries.Where(e => e.Kind == CpioEntryKind.File).ToList())
            Enqueue(entry.Path, entry.Data.Span, pending);
        var added = new HashSet<string>(StringComparer.Ordinal);
        while (pending.TryDequeue(out var item))
        {
            if (!added.Add(item.Soname) || tree.Contains("usr/lib/zos/" + item.Soname))
                continue;
            if (!index.TryGetValue(item.Soname, out var found))
                throw new ImageBuildException($"{item.Soname}, needed by {item.NeededBy}, is in none of the image's library packages; add its package to ImageRecipe.LibraryPackages");
            var bytes = found.Package.Read(found.Path);
            var path = $"{ImageRecipe.LibraryDirectory}/{item.Soname}";
            tree.AddFile(path, bytes, executable: true);
            Enqueue(path, bytes, pending);
        }
    }

    private static void Enqueue(string path, ReadOnlySpan<byte> bytes, Queue<(string, string)> pending)
    {
        if (!ElfDependencyReader.IsElf(bytes) || ElfDependencyReader.Read(bytes) is not { } deps)
            return;
        foreach (var needed in deps.Needed)
            pending.Enqueue((needed, path));
        if (deps.Interpreter is { } interpreter)
            pending.Enqueue((Path.GetFileName(interpreter), path));
    }

    private static async Task<IReadOnlyList<string>> AddModulesAsync(ImageTree tree, PackageTree kernel, string version, string work, CancellationToken ct)
    {
        var moduleRoot = Path.Combine(kernel.Root, "lib", "modules", version);
        if (!File.Exists(Path.Combine(moduleRoot, "modules.dep")))
            await Depmod(kernel.Root, version, ct).ConfigureAwait(false);
        var closure = ModuleDependencyResolver.Resolve(ImageRecipe.Modules,
            await File.ReadAllTextAsync(Path.Combine(moduleRoot, "modules.dep"), ct).ConfigureAwait(false),
            await ReadIfExists(Path.Combine(moduleRoot, "modules.softdep"), ct).ConfigureAwait(false),
            await ReadIfExists(Path.Combine(moduleRoot, "modules.builtin"), ct).ConfigureAwait(false));
        if (closure.Missing.Count > 0)
            throw new ImageBuildException($"kernel {version} has no module {string.Join(", ", closure.Missing)} (neither loadable nor built in)");

        // depmod again over only the modules the image has, so modprobe in the image resolves names, aliases and
        // dependencies among them.
        var staged = Path.Combine(work, "modules");
        var stagedRoot = Path.Combine(staged, "lib", "modules", version);
        foreach (var module in closure.Paths)
        {
            var to = Path.Combine(stagedRoot, module);
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(Path.Combine(moduleRoot, module), to);
        }
        foreach (var file in (string[])["modules.order", "modules.builtin", "modules.builtin.modinfo"])
        {
            if (File.Exists(Path.Combine(moduleRoot, file)))
                File.Copy(Path.Combine(moduleRoot, file), Path.Combine(stagedRoot, file));
        }
        await Depmod(staged, version, ct).ConfigureAwait(false);
        foreach (var file in Directory.EnumerateFiles(stagedRoot, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            tree.AddFile($"usr/lib/modules/{version}/{Path.GetRelativePath(stagedRoot, file)}", await File.ReadAllBytesAsync(file, ct).ConfigureAwait(false), executable: false);
        return closure.Paths;
    }

    /// <summary>
    /// The firmware files the image's modules name (<c>modinfo -F firmware</c>), from Debian's firmware packages,
    /// placed where the kernel's loader reads them; links inside a package (cxgb4/t4fw.bin → t4fw-1.27.x.bin) are
    /// stored as the file they lead to, under the name the driver asks for.
    /// </summary>
    private async Task<(IReadOnlyList<DebianPackageFile> Debs, FirmwareResult Found)> AddFirmwareAsync(ImageTree tree, PackageTree kernel,
        string version, IReadOnlyList<string> modules, CancellationToken ct)
    {
        var apt = await AptPackageSource.WithPrivateSourceAsync(options.CacheDirectory, "firmware",
            $"deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] {ImageRecipe.FirmwareMirror} {AptPackageSource.HostSuite()} {ImageRecipe.FirmwareComponent}", ct).ConfigureAwait(false);
        var debs = await apt.DownloadAsync(ImageRecipe.FirmwarePackages.ToList(), ct).ConfigureAwait(false);
        var packages = new List<PackageTree>();
        foreach (var deb in debs)
            packages.Add(new PackageTree(deb.Name, await apt.ExtractAsync(deb, ct).ConfigureAwait(false)));

        var moduleRoot = Path.Combine(kernel.Root, "lib", "modules", version);
        var files = new SortedSet<string>(StringComparer.Ordinal);
        var notFound = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var module in modules)
        {
            var info = await ProcessRunner.RunCheckedAsync(new HelperLaunch("modinfo", ["-F", "firmware", Path.Combine(moduleRoot, module)]),
                $"read the firmware names of {module}", cancellationToken: ct).ConfigureAwait(false);
            foreach (var name in info.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var holder = packages.Select(p => (Package: p, Path: p.Resolve("lib/firmware/" + name) ?? p.Resolve("usr/lib/firmware/" + name)))
                    .FirstOrDefault(h => h.Path is not null && File.Exists(h.Path));
                if (holder.Path is null)
                {
                    notFound.Add($"{Path.GetFileNameWithoutExtension(module)}: {name}");
                    continue;
                }
                if (files.Add(name))
                    tree.AddFile($"{ImageRecipe.FirmwareDirectory}/{name}", await File.ReadAllBytesAsync(holder.Path, ct).ConfigureAwait(false), executable: false);
            }
        }
        return (debs, new FirmwareResult([.. files], [.. notFound]));
    }

    private static Task Depmod(string baseDirectory, string version, CancellationToken ct) =>
        ProcessRunner.RunCheckedAsync(new HelperLaunch("depmod", ["-b", baseDirectory, version]), $"depmod for kernel {version}",
            timeout: TimeSpan.FromMinutes(5), cancellationToken: ct);

    private static async Task<string> ReadIfExists(string path, CancellationToken ct) =>
        File.Exists(path) ? await File.ReadAllTextAsync(path, ct).ConfigureAwait(false) : "";

    private async Task<ImageManifest> ManifestAsync(string kernel, string initramfs, string version, ImageTree tree,
        IReadOnlyList<DebianPackageFile> debs, IReadOnlyList<string> modules, FirmwareResult firmware, CancellationToken ct)
    {
        var files = new List<ImageFile>();
        foreach (var path in (string[])[kernel, initramfs])
            files.Add(new ImageFile(Path.GetFileName(path), new FileInfo(path).Length, await AptPackageSource.Sha256Async(path, ct).ConfigureAwait(false)));
        var sums = string.Concat(files.Select(f => $"{f.Sha256}  {f.Path}\n"));
        var contents = tree.Entries.Where(e => e.Kind == CpioEntryKind.File)
            .Select(e => new ImageFile(e.Path, e.Data.Length, Convert.ToHexStringLower(SHA256.HashData(e.Data.Span)))).ToList();
        return new ImageManifest
        {
            ImageSha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sums))),
            KernelVersion = version,
            SourceDateEpoch = options.SourceDateEpoch.ToUnixTimeSeconds(),
            Files = files,
            Daemon = contents.Single(c => c.Path == "usr/lib/zos/" + DaemonPublisher.Executable),
            DaemonBuild = DaemonPublisher.Description,
            Packages = debs.Select(d => new ImagePackage(d.Name, d.Version, d.Architecture, d.Sha256)).OrderBy(p => p.Name, StringComparer.Ordinal).ToList(),
            Modules = modules,
            Firmware = firmware.Files,
            FirmwareNotFound = firmware.NotFound,
            Contents = contents,
        };
    }
}
