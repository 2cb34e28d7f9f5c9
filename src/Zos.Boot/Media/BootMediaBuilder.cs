using System.Globalization;
using Zos.Boot.Configuration;
using Zos.Boot.Hosting;
using Zos.Core.Validation;
using Zos.Protocols.Grub;
using Zos.Protocols.Ipxe;

namespace Zos.Boot.Media;

/// <summary>
/// Builds boot media with the farm's script inside (boot-and-registry.md §1.1: ZOS media are a loader plus a script
/// carrying the farmer id): a FAT image with syslinux booting Debian's <c>ipxe.lkrn</c> with the iPXE script as its
/// initrd (BIOS) and <c>EFI/BOOT/BOOTX64.EFI</c> (UEFI); an EFI-only FAT image; a hybrid ISO (isolinux, plus the EFI
/// image as El Torito alternative). The UEFI loader is Debian's GRUB with the equivalent script embedded
/// (<see cref="GrubMediaConfig"/>): Debian's <c>ipxe.efi</c> (1.0.0+git-20190125) predates iPXE's <c>autoexec.ipxe</c>
/// support and reads no script from its load options, so it cannot carry the farm id. Uses mkfs.vfat, mtools,
/// grub-mkstandalone and xorriso on plain files: no loop mounts, no root needed.
/// With a node image (<see cref="BootMediaRequest.ImageDirectory"/>) the medium carries the Zos kernel and initramfs
/// and boots them itself (<see cref="ImageMediaBuilder"/>).
/// </summary>
public static class BootMediaBuilder
{
    /// <summary>The plain-HTTP mirror of bootstrap.grid.tf (§1.2: <c>http://unsecure.&lt;host&gt;/</c>) for loaders without TLS.</summary>
    public const string PublicKernelBase = "http://unsecure.bootstrap.grid.tf/kernel";

    private const string VolumeLabel = "ZOSBOOT";
    private const string ScriptName = "boot.ipxe";

    /// <summary>GRUB modules the embedded configuration uses (preloaded, so their dependencies come along).</summary>
    private const string GrubModules = "normal efinet net http linux echo sleep reboot test";

    public static IReadOnlyList<ValidationError> Validate(BootMediaRequest request) =>
        request.ImageDirectory is null ? Plan(request, out _) : ImageMediaBuilder.Plan(request, out _);

    public static async Task<BootMediaResult> BuildAsync(BootMediaRequest request, CancellationToken cancellationToken)
    {
        if (request.ImageDirectory is not null)
            return await ImageMediaBuilder.BuildAsync(request, cancellationToken);
        var errors = Plan(request, out var plan);
        if (errors.Count > 0)
            throw new ArgumentException(string.Join("; ", errors));
        var (target, format) = plan!.Value;
        var description = $"boot medium for farm {target.FarmId} ({target.Runmode})";
        var script = IpxeScriptRenderer.MediaScript(target, request.ServerUrl, description);
        var output = Path.GetFullPath(request.Output);
        await MediumOutput.WriteAsync(output, async (partial, work) =>
        {
            var scriptPath = Path.Combine(work, ScriptName);
            await File.WriteAllTextAsync(scriptPath, script, cancellationToken);
            var efiLoader = await BuildGrubLoaderAsync(GrubMediaConfig.Render(target, description), work, cancellationToken);
            switch (format)
            {
                case BootMediaFormat.Usb:
                    await BuildFatAsync(partial, 8, scriptPath, efiLoader, bios: true, work, cancellationToken);
                    break;
                case BootMediaFormat.Efi:
                    await BuildFatAsync(partial, 4, scriptPath, efiLoader, bios: false, work, cancellationToken);
                    break;
                case BootMediaFormat.Iso:
                    await BuildIsoAsync(partial, scriptPath, efiLoader, work, cancellationToken);
                    break;
            }
        });
        return new BootMediaResult(output, new FileInfo(output).Length, format, script);
    }

    private static IReadOnlyList<ValidationError> Plan(BootMediaRequest request, out (IpxeBootTarget Target, BootMediaFormat Format)? plan)
    {
        plan = null;
        var errors = new List<ValidationError>();
        var (farm, format) = CheckCommon(request, errors);
        if (request.ServerUrl is not null && IpxeSafeText.UrlProblem(request.ServerUrl) is { } server)
            errors.Add(new("--server", server));
        if (request.SizeMiB is not null)
            errors.Add(new("--size", "applies to media with --image only (a network medium is a few MiB)"));
        var kernelUrl = request.KernelUrl
            ?? $"{(request.ServerUrl is null ? PublicKernelBase : request.ServerUrl.TrimEnd('/') + "/kernel")}/net/{request.Runmode}.efi";
        // Every format has a UEFI side, and GRUB there fetches over plain HTTP only.
        if (request.KernelUrl is not null && GrubMediaConfig.KernelUrlProblem(request.KernelUrl) is { } kernel)
            errors.Add(new("--kernel-url", kernel));
        else if (request.KernelUrl is null && request.ServerUrl is not null && GrubMediaConfig.KernelUrlProblem(kernelUrl) is { } derived)
            errors.Add(new("--server", $"the kernel URL derived from it: {derived}"));
        if (request.InitrdUrl is not null && GrubMediaConfig.KernelUrlProblem(request.InitrdUrl) is { } initrd)
            errors.Add(new("--initrd-url", initrd));
        if (OutputProblem(request.Output) is { } output)
            errors.Add(new("-o", output));
        if (errors.Count > 0 || format is null)
            return errors;
        var target = new IpxeBootTarget
        {
            KernelUrl = kernelUrl,
            InitrdUrl = request.InitrdUrl,
            Runmode = request.Runmode,
            FarmId = farm,
            ExtraArguments = ZosKernelCommandLine.AddMissing(request.Args, [.. RegistryArgument(request), .. FarmTokenArgument(request)]),
            FailureDelaySeconds = request.FailureDelaySeconds,
        };
        foreach (var e in target.Validate())
            errors.Add(e);
        plan = (target, format.Value);
        return errors;
    }

    /// <summary>Checks what every medium needs (farm, runmode, format, args, registry, output), adding to <paramref name="errors"/>.</summary>
    internal static (uint Farm, BootMediaFormat? Format) CheckCommon(BootMediaRequest request, List<ValidationError> errors)
    {
        if (!uint.TryParse(request.FarmId, NumberStyles.None, CultureInfo.InvariantCulture, out var farm) || farm == 0)
            errors.Add(new("--farm", $"'{request.FarmId}' is not a farm id (a positive integer)"));
        if (!ZosRunmode.IsKnown(request.Runmode))
            errors.Add(new("--runmode", $"'{request.Runmode}' is not a runmode (expected one of {string.Join(", ", ZosRunmode.All)})"));
        BootMediaFormat? format = request.Format switch
        {
            "usb" => BootMediaFormat.Usb,
            "iso" => BootMediaFormat.Iso,
            "efi" => BootMediaFormat.Efi,
            _ => null,
        };
        if (format is null)
            errors.Add(new("--format", $"'{request.Format}' is not a format (expected usb, iso or efi)"));
        for (var i = 0; i < request.Args.Count; i++)
        {
            if (IpxeSafeText.ArgumentProblem(request.Args[i]) is { } arg)
                errors.Add(new("--args", arg));
        }
        if (request.RegistryUrl is not null && IpxeSafeText.UrlProblem(request.RegistryUrl) is { } registry)
            errors.Add(new("--registry", registry));
        if (request.FarmToken is not null && FarmTokenFile.Problem(request.FarmToken) is { } token)
            errors.Add(new("--farm-token-file", $"the farm token {token}"));
        if (request.RegistryKey is { } key && !Core.Contracts.ResponseSigning.TryParseKey(key, out _))
            errors.Add(new("--registry-key", $"'{key}' is not a registry key (base64 of a 32-byte Ed25519 public key, as GET /api/v1/registry gives it)"));
        if (request.FailureDelaySeconds is < 0 or > 3600)
            errors.Add(new("--failure-delay", $"{request.FailureDelaySeconds} s is outside 0..3600"));
        return (farm, format);
    }

    /// <summary>
    /// <c>zos-registry=&lt;url&gt;</c> when the request names a registry, and <c>zos-registry-key=&lt;key&gt;</c> when it
    /// names its key (each added unless the args carry one).
    /// </summary>
    internal static IReadOnlyList<string> RegistryArgument(BootMediaRequest request)
    {
        var arguments = new List<string>();
        if (request.RegistryUrl is { } url && IpxeSafeText.UrlProblem(url) is null)
            arguments.Add($"zos-registry={url}");
        if (request.RegistryKey is { } key && Core.Contracts.ResponseSigning.TryParseKey(key, out _))
            arguments.Add($"{Core.Contracts.ResponseSigning.CommandLineKey}={key.Trim()}");
        return arguments;
    }

    /// <summary><c>zos-farm-token=&lt;token&gt;</c> when the request carries a well-formed farm token (added unless the args carry one).</summary>
    internal static IReadOnlyList<string> FarmTokenArgument(BootMediaRequest request) =>
        request.FarmToken is { } token && FarmTokenFile.Problem(token) is null ? [FarmTokenFile.Argument(token)] : [];

    internal static string? OutputProblem(string output)
    {
        if (string.IsNullOrWhiteSpace(output))
            return "missing output file";
        var full = Path.GetFullPath(output);
        if (Directory.Exists(full))
            return $"'{output}' is a directory";
        var dir = Path.GetDirectoryName(full) ?? "/";
        if (!Directory.Exists(dir))
            return $"cannot write '{output}': directory '{dir}' does not exist";
        var probe = Path.Combine(dir, $".zos-media-probe-{Environment.ProcessId}");
        try
        {
            using (File.Create(probe))
            {
            }
            File.Delete(probe);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"cannot write '{output}': {e.Message}";
        }
    }

    /// <summary>Debian's GRUB as a standalone EFI application with <paramref name="config"/> in its memdisk.</summary>
    private static async Task<string> BuildGrubLoaderAsync(string config, string work, CancellationToken ct)
    {
        var configPath = Path.Combine(work, "grub.cfg");
        await File.WriteAllTextAsync(configPath, config, ct);
        File.SetLastWriteTimeUtc(configPath, MediaTools.SourceDateEpoch.UtcDateTime);
        var loader = Path.Combine(work, "BOOTX64.EFI");
        await MediaTools.RunAsync("grub-mkstandalone",
        [
            "-O", "x86_64-efi", "-o", loader, $"--modules={GrubModules}", $"--install-modules={GrubModules}",
            "--locales=", "--fonts=", "--themes=", $"boot/grub/grub.cfg={configPath}",
        ], ct);
        return loader;
    }

    private static async Task BuildFatAsync(string image, int sizeMiB, string script, string? efiLoader, bool bios, string work, CancellationToken ct)
    {
        await using (var file = new FileStream(image, FileMode.Create, FileAccess.Write))
            file.SetLength(sizeMiB * 1024L * 1024L);
        // syslinux insists that a FAT with more than 4084 clusters is FAT16 (mkfs.vfat would pick FAT12 at 8 MiB).
        await MediaTools.RunAsync("mkfs.vfat", bios ? ["-F", "16", "-s", "1", "-n", VolumeLabel, image] : ["-n", VolumeLabel, image], ct);
        if (efiLoader is not null)
        {
            await MediaTools.RunAsync("mmd", ["-i", image, "::/EFI", "::/EFI/BOOT"], ct);
            await MediaTools.RunAsync("mcopy", ["-i", image, efiLoader, "::/EFI/BOOT/BOOTX64.EFI"], ct);
        }
        if (bios)
        {
            var config = Path.Combine(work, "syslinux.cfg");
            await File.WriteAllTextAsync(config, SyslinuxConfig(), ct);
            await MediaTools.RunAsync("mcopy", ["-i", image, DebianIpxeLoaders.PathOf(DebianIpxeLoaders.IpxeLkrn), "::/ipxe.lkrn"], ct);
            await MediaTools.RunAsync("mcopy", ["-i", image, script, "::/" + ScriptName], ct);
            await MediaTools.RunAsync("mcopy", ["-i", image, config, "::/syslinux.cfg"], ct);
            // The mtools flavour of the installer: writes the boot sector and ldlinux.sys/.c32 without mounting.
            await MediaTools.RunAsync("syslinux", ["--install", image], ct);
        }
    }

    private static async Task BuildIsoAsync(string iso, string script, string efiLoader, string work, CancellationToken ct)
    {
        var tree = Path.Combine(work, "iso");
        var isolinux = Path.Combine(tree, "isolinux");
        Directory.CreateDirectory(isolinux);
        File.Copy("/usr/lib/ISOLINUX/isolinux.bin", Path.Combine(isolinux, "isolinux.bin"));
        File.Copy("/usr/lib/syslinux/modules/bios/ldlinux.c32", Path.Combine(isolinux, "ldlinux.c32"));
        await File.WriteAllTextAsync(Path.Combine(isolinux, "isolinux.cfg"), SyslinuxConfig(), ct);
        File.Copy(DebianIpxeLoaders.PathOf(DebianIpxeLoaders.IpxeLkrn), Path.Combine(tree, "ipxe.lkrn"));
        File.Copy(script, Path.Combine(tree, ScriptName));
        await BuildFatAsync(Path.Combine(tree, "efiboot.img"), 2, script, efiLoader, bios: false, work, ct);
        await MediaTools.RunAsync("xorriso",
        [
            "-as", "mkisofs", "-quiet", "-R", "-J", "-V", VolumeLabel, "-o", iso,
            "-b", "isolinux/isolinux.bin", "-c", "isolinux/boot.cat", "-no-emul-boot", "-boot-load-size", "4", "-boot-info-table",
            "-isohybrid-mbr", "/usr/lib/ISOLINUX/isohdpfx.bin",
            "-eltorito-alt-boot", "-e", "efiboot.img", "-no-emul-boot", "-isohybrid-gpt-basdat",
            tree,
        ], ct);
    }

    /// <summary>syslinux/isolinux: boot iPXE's Linux-kernel build at once, the script as its initrd (iPXE runs it).</summary>
    private static string SyslinuxConfig() =>
        "DEFAULT zos\nPROMPT 0\nTIMEOUT 0\nLABEL zos\n  KERNEL /ipxe.lkrn\n  INITRD /" + ScriptName + "\n";
}
