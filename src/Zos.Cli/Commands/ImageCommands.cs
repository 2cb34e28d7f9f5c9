using System.CommandLine;
using Zos.Image.Build;
using Zos.Linux.Processes;

namespace Zos.Cli.Commands;

/// <summary>`zos image build`: the node image a farm's machines boot (kernel, initramfs, manifest).</summary>
internal static class ImageCommands
{
    public static Command Build()
    {
        var output = new Option<string>("--output", "-o") { Description = "Directory for zos-node.vmlinuz, zos-node.initramfs and manifest.json", DefaultValueFactory = _ => ImageBuildOptions.DefaultOutput };
        var cache = new Option<string>("--cache") { Description = "Directory for downloaded and unpacked Debian packages", DefaultValueFactory = _ => ImageBuildOptions.DefaultCache };
        var kernel = new Option<string?>("--kernel") { Description = "Kernel version, e.g. 6.1.0-57-amd64 (default: the one linux-image-amd64 depends on)" };
        var source = new Option<string?>("--source") { Description = "Zos source tree to publish zos-node from (default: $ZOS_HOME, set by ./zos)" };
        var daemon = new Option<string?>("--daemon") { Description = "Directory of an already published zos-node (zos-node, libsodium.so) instead of publishing" };
        var noFirmware = new Option<bool>("--no-firmware") { Description = "Leave out the NIC firmware (Debian's non-free-firmware): only free software in the image; bnx2/bnx2x and some Realtek, tg3, ice and QLogic NICs then fail or run degraded" };
        var build = new Command("build", "Build the node image from Debian packages (apt-get download) and the node daemon; reproducible");
        foreach (var o in (Option[])[output, cache, kernel, source, daemon, noFirmware])
            build.Add(o);
        build.SetAction(async (parse, ct) =>
        {
            var options = new ImageBuildOptions(
                Path.GetFullPath(parse.GetValue(output)!),
                Path.GetFullPath(parse.GetValue(cache)!),
                parse.GetValue(kernel),
                parse.GetValue(source) ?? Environment.GetEnvironmentVariable("ZOS_HOME"),
                parse.GetValue(daemon) is { } d ? Path.GetFullPath(d) : null,
                ImageBuildOptions.EpochFromEnvironment(Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH")),
                Firmware: !parse.GetValue(noFirmware));
            try
            {
                var manifest = await new ImageBuilder(options, Console.WriteLine).BuildAsync(ct);
                foreach (var file in manifest.Files)
                    Console.WriteLine($"{file.Sha256}  {Path.Combine(options.OutputDirectory, file.Path)} ({file.Size / 1048576.0:0.0} MiB)");
                Console.WriteLine($"image {manifest.ImageSha256}");
                return ExitCodes.Ok;
            }
            catch (Exception e) when (e is ImageBuildException or HelperProcessException or IOException or UnauthorizedAccessException)
            {
                return CliMessages.Fail(Console.Error, ExitCodes.Failed, $"image build: {e.Message}");
            }
        });
        return build;
    }
}
