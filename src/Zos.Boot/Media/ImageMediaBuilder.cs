using System.Buffers.Binary;
using System.Formats.Tar;
using System.Globalization;
using Zos.Boot.Image;
using Zos.Core.Validation;
using Zos.Protocols.Grub;
using Zos.Protocols.Ipxe;

namespace Zos.Boot.Media;

/// <summary>
/// Boot media that carry the Zos node image (<c>zos boot media --image DIR</c>), so a farm without a boot server
/// works: the kernel and initramfs sit in the medium's FAT (or ISO 9660) file system beside the loaders, with the
/// farm's command line in the loaders' configuration.
/// <list type="bullet">
/// <item>usb: an MBR disk image, one active FAT32 partition at 1 MiB with syslinux (BIOS: syslinux's mbr.bin chains
/// the partition's boot sector) and <c>EFI/BOOT/BOOTX64.EFI</c> = Debian's GRUB (UEFI), so one stick boots both;</item>
/// <item>efi: the same disk with the partition typed EFI system and no BIOS loader;</item>
/// <item>iso: a hybrid ISO, isolinux for BIOS and an El Torito EFI image holding GRUB, which loads the kernel and
/// initramfs from the ISO file system.</item>
/// </list>
/// </summary>
internal static class ImageMediaBuilder
{
    private const string VolumeLabel = "ZOSBOOT";
    private const string KernelPath = "/" + NodeImageDirectory.KernelFile;
    private const string InitrdPath = "/" + NodeImageDirectory.InitrdFile;

    /// <summary>GRUB modules of the local configuration: file systems and partition maps to find the kernel, linux/initrd to boot it.</summary>
    private const string GrubModules = "normal linux echo sleep reboot test search search_fs_file fat iso9660 part_msdos part_gpt";

    /// <summary>Room reserved for the GRUB loader and syslinux files when sizing before they are built (GRUB with these modules is about 2.5 MiB).</summary>
    private const long LoaderAllowance = 6 * ImageMediumSize.MiB;

    private const uint PartitionStartSector = ImageMediumSize.PartitionOffsetMiB * (uint)(ImageMediumSize.MiB / MasterBootRecord.SectorSize);

    internal sealed record ImagePlan(BootMediaFormat Format, LocalImageBoot Boot, NodeImageDirectory Image, int? SizeMiB);

    public static IReadOnlyList<ValidationError> Plan(BootMediaRequest request, out ImagePlan? plan)
    {
        plan = null;
        var errors = new List<ValidationError>();
        var (farm, format) = BootMediaBuilder.CheckCommon(request, errors);
        if (request.ServerUrl is not null)
            errors.Add(new("--server", "does not apply with --image: the medium carries the kernel and initramfs itself (give --registry for the node)"));
        if (request.KernelUrl is not null)
            errors.Add(new("--kernel-url", "does not apply with --image: the medium carries the image's kernel"));
        if (request.InitrdUrl is not null)
            errors.Add(new("--initrd-url", "does not apply with --image: the medium carries the image's initramfs"));
        if (BootMediaBuilder.OutputProblem(request.Output) is { } output)
            errors.Add(new("-o", output));
        NodeImageDirectory? image = null;
        try
        {
            image = NodeImageDirectory.Open(request.ImageDirectory!);
        }
        catch (NodeImageException e)
        {
            errors.Add(new("--image", e.Message));
        }
        if (image is not null && format is { } f && request.SizeMiB is { } size)
        {
            if (f == BootMediaFormat.Iso)
                errors.Add(new("--size", "an ISO's size follows its content; --size applies to usb and efi"));
            else if (RequiredMiB(image) is var required && size < required)
                errors.Add(new("--size", $"image needs {required} MiB, medium is {size} MiB"));
        }
        if (errors.Count > 0 || image is null || format is null)
            return errors;
        var boot = new LocalImageBoot
        {
            KernelPath = KernelPath,
            InitrdPath = InitrdPath,
            Runmode = request.Runmode,
            FarmId = farm,
            ExtraArguments = ZosKernelCommandLine.AddMissing(request.Args, [.. BootMediaBuilder.RegistryArgument(request), .. BootMediaBuilder.FarmTokenArgument(request), .. NodeImageDirectory.KernelArguments]),
            FailureDelaySeconds = request.FailureDelaySeconds,
        };
        errors.AddRange(boot.Validate());
        plan = new ImagePlan(format.Value, boot, image, request.SizeMiB);
        return errors;
    }

    /// <summary>The smallest usb/efi medium for <paramref name="image"/>.</summary>
    public static int RequiredMiB(NodeImageDirectory image) => ImageMediumSize.RequiredMiB(image.KernelSize + image.InitrdSize + LoaderAllowance);

    public static async Task<BootMediaResult> BuildAsync(BootMediaRequest request, CancellationToken cancellationToken)
    {
        var errors = Plan(request, out var plan);
        if (errors.Count > 0)
            throw new ArgumentException(string.Join("; ", errors));
        var (format, boot, image, sizeMiB) = plan!;
        var description = $"Zos node image for farm {boot.FarmId} ({boot.Runmode})";
        var output = Path.GetFullPath(request.Output);
        await MediumOutput.WriteAsync(output, async (partial, work) =>
        {
            // Copies with the fixed time, so mcopy -m and xorriso write the same timestamps on every build.
            var kernel = StageFile(image.KernelPath, work);
            var initrd = StageFile(image.InitrdPath, work);
            var loader = await BuildGrubAsync(GrubMediaConfig.RenderLocal(boot, description), work, cancellationToken);
            var syslinux = StageText(Path.Combine(work, "syslinux.cfg"), SyslinuxImageConfig.Render(boot));
            switch (format)
            {
                case BootMediaFormat.Usb or BootMediaFormat.Efi:
                    await BuildDiskAsync(partial, format, sizeMiB ?? ImageMediumSize.DefaultMiB(image.KernelSize + image.InitrdSize + LoaderAllowance),
                        kernel, initrd, loader, syslinux, cancellationToken);
                    break;
                case BootMediaFormat.Iso:
                    await BuildIsoAsync(partial, kernel, initrd, loader, syslinux, work, cancellationToken);
                    break;
            }
        });
        var summary = $"{description}: kernel and initramfs on the medium, command line: {boot.CommandLine}";
        return new BootMediaResult(output, new FileInfo(output).Length, format, summary);
    }

    /// <summary>
    /// Debian's GRUB as one EFI application: the modules in its core image, the configuration in a memdisk (a tar
    /// written here with fixed times and owners, so the loader is the same bytes on every build; grub-mkstandalone
    /// would put its temporary copies' times in it). GRUB starts from <c>$prefix/grub.cfg</c> = the memdisk's.
    /// </summary>
    private static async Task<string> BuildGrubAsync(string config, string work, CancellationToken ct)
    {
        var memdisk = Path.Combine(work, "memdisk.tar");
        await using (var tar = File.Create(memdisk))
        await using (var writer = new TarWriter(tar, TarEntryFormat.Ustar, leaveOpen: false))
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(config);
            foreach (var dir in new[] { "boot/", "boot/grub/" })
                await writer.WriteEntryAsync(new UstarTarEntry(TarEntryType.Directory, dir) { ModificationTime = MediaTools.SourceDateEpoch, Mode = (UnixFileMode)0x1ED }, ct);
            var entry = new UstarTarEntry(TarEntryType.RegularFile, "boot/grub/grub.cfg")
            {
                ModificationTime = MediaTools.SourceDateEpoch,
                Mode = (UnixFileMode)0x1A4,
                DataStream = new MemoryStream(bytes),
            };
            await writer.WriteEntryAsync(entry, ct);
        }
        var loader = Path.Combine(work, "BOOTX64.EFI");
        await MediaTools.RunAsync("grub-mkimage",
            ["-O", "x86_64-efi", "-p", "(memdisk)/boot/grub", "-m", memdisk, "-o", loader, "memdisk", "tar", .. GrubModules.Split(' ')], ct);
        File.SetLastWriteTimeUtc(loader, MediaTools.SourceDateEpoch.UtcDateTime);
        return loader;
    }

    private static string StageFile(string source, string work)
    {
        var copy = Path.Combine(work, Path.GetFileName(source));
        File.Copy(source, copy);
        File.SetLastWriteTimeUtc(copy, MediaTools.SourceDateEpoch.UtcDateTime);
        return copy;
    }

    private static string StageText(string path, string text)
    {
        File.WriteAllText(path, text);
        File.SetLastWriteTimeUtc(path, MediaTools.SourceDateEpoch.UtcDateTime);
        return path;
    }

    /// <summary>MBR + one FAT32 partition at 1 MiB, made and filled in place (mkfs.vfat --offset, mtools image@@offset).</summary>
    private static async Task BuildDiskAsync(string disk, BootMediaFormat format, int sizeMiB, string kernel, string initrd, string loader, string syslinuxConfig, CancellationToken ct)
    {
        var bios = format == BootMediaFormat.Usb;
        var totalSectors = (uint)(sizeMiB * ImageMediumSize.MiB / MasterBootRecord.SectorSize);
        var partitionSectors = totalSectors - PartitionStartSector;
        // The disk signature names the disk to firmware and Linux; derived from the content so rebuilds are identical.
        var signature = BinaryPrimitives.ReadUInt32LittleEndian(Convert.FromHexString(FileHash(kernel)[..8]));
        var mbr = MasterBootRecord.Build(bios ? File.ReadAllBytes(SyslinuxMbr)[..MasterBootRecord.BootCodeSize] : [], signature,
            new MbrPartition(bios ? MbrPartition.Fat32Lba : MbrPartition.EfiSystem, bios, PartitionStartSector, partitionSectors));
        await using (var file = new FileStream(disk, FileMode.Create, FileAccess.Write))
        {
            file.SetLength(sizeMiB * ImageMediumSize.MiB);
            await file.WriteAsync(mbr, ct);
        }
        var offset = (PartitionStartSector * MasterBootRecord.SectorSize).ToString(CultureInfo.InvariantCulture);
        var fat = $"{disk}@@{offset}";
        // 512-byte clusters keep FAT32 legal (>= 65525 clusters) down to the 40 MiB floor; hidden sectors = the
        // partition's start, which the FAT boot sector (syslinux's) adds to its sector numbers.
        await MediaTools.RunAsync("mkfs.vfat",
        [
            "-F", "32", "-s", "1", "-h", PartitionStartSector.ToString(CultureInfo.InvariantCulture),
            $"--offset={PartitionStartSector.ToString(CultureInfo.InvariantCulture)}", "--invariant", "-n", VolumeLabel,
            disk, (partitionSectors / 2).ToString(CultureInfo.InvariantCulture),
        ], ct);
        await MediaTools.RunAsync("mmd", ["-i", fat, "::/EFI", "::/EFI/BOOT"], ct);
        await MediaTools.RunAsync("mcopy", ["-m", "-i", fat, loader, "::/EFI/BOOT/BOOTX64.EFI"], ct);
        await MediaTools.RunAsync("mcopy", ["-m", "-i", fat, kernel, initrd, "::/"], ct);
        if (bios)
        {
            await MediaTools.RunAsync("mcopy", ["-m", "-i", fat, syslinuxConfig, "::/syslinux.cfg"], ct);
            // The mtools flavour of the installer: boot sector, ldlinux.sys and ldlinux.c32, without mounting.
            await MediaTools.RunAsync("syslinux", ["--offset", offset, "--install", disk], ct);
        }
    }

    private static async Task BuildIsoAsync(string iso, string kernel, string initrd, string loader, string syslinuxConfig, string work, CancellationToken ct)
    {
        var tree = Path.Combine(work, "iso");
        var isolinux = Path.Combine(tree, "isolinux");
        Directory.CreateDirectory(isolinux);
        File.Copy("/usr/lib/ISOLINUX/isolinux.bin", Path.Combine(isolinux, "isolinux.bin"));
        File.Copy("/usr/lib/syslinux/modules/bios/ldlinux.c32", Path.Combine(isolinux, "ldlinux.c32"));
        File.Copy(syslinuxConfig, Path.Combine(isolinux, "isolinux.cfg"));
        File.Move(kernel, Path.Combine(tree, NodeImageDirectory.KernelFile));
        File.Move(initrd, Path.Combine(tree, NodeImageDirectory.InitrdFile));
        // The El Torito EFI image holds GRUB only; GRUB finds the kernel on the ISO 9660 file system by its path.
        var efiMiB = (int)((new FileInfo(loader).Length + ImageMediumSize.MiB - 1) / ImageMediumSize.MiB) + 1;
        var efiImage = Path.Combine(tree, "efiboot.img");
        await using (var file = new FileStream(efiImage, FileMode.Create, FileAccess.Write))
            file.SetLength(efiMiB * ImageMediumSize.MiB);
        await MediaTools.RunAsync("mkfs.vfat", ["--invariant", "-n", VolumeLabel, efiImage], ct);
        await MediaTools.RunAsync("mmd", ["-i", efiImage, "::/EFI", "::/EFI/BOOT"], ct);
        await MediaTools.RunAsync("mcopy", ["-m", "-i", efiImage, loader, "::/EFI/BOOT/BOOTX64.EFI"], ct);
        // xorriso writes the tree's times into the directory records: every file and directory gets the fixed one.
        foreach (var entry in Directory.EnumerateFileSystemEntries(tree, "*", SearchOption.AllDirectories).Append(tree))
        {
            File.SetLastWriteTimeUtc(entry, MediaTools.SourceDateEpoch.UtcDateTime);
            File.SetLastAccessTimeUtc(entry, MediaTools.SourceDateEpoch.UtcDateTime);
        }
        await MediaTools.RunAsync("xorriso",
        [
            "-as", "mkisofs", "-quiet", "-R", "-J", "-V", VolumeLabel, "-o", iso,
            "-b", "isolinux/isolinux.bin", "-c", "isolinux/boot.cat", "-no-emul-boot", "-boot-load-size", "4", "-boot-info-table",
            "-isohybrid-mbr", "/usr/lib/ISOLINUX/isohdpfx.bin",
            "-eltorito-alt-boot", "-e", "efiboot.img", "-no-emul-boot", "-isohybrid-gpt-basdat",
            tree,
        ], ct);
    }

    /// <summary>syslinux's MBR boot code (syslinux-common): loads the active partition's boot sector.</summary>
    private const string SyslinuxMbr = "/usr/lib/SYSLINUX/mbr.bin";

    private static string FileHash(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(stream));
    }
}
