using Zos.Client;
using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Zos.Boot.Hosting;
using Zos.Boot.Media;

namespace Zos.Cli.Commands;

/// <summary>`zos boot serve` (DHCP/TFTP/HTTP boot server) and `zos boot media` (USB/ISO/EFI images).</summary>
internal static class BootCommands
{
    public static Command Serve()
    {
        var config = new Option<string?>("--config") { Description = "Boot configuration file (YAML or JSON: farmId, profile, nodes, unknownMacs)" };
        var registry = new Option<string?>("--registry") { Description = "Registry URL: with --farm the farm's boot profile and MAC list are read from it; nodes get zos-registry=<url> either way" };
        var farm = new Option<uint?>("--farm") { Description = "Farm id (with --registry)" };
        var farmToken = new Option<string?>("--farm-token-file") { Description = "File holding a farm enrollment token (zos farm token create): every node's command line gets zos-farm-token=, so nodes the registry's MAC list does not name join without approval (anyone on the boot LAN can read the scripts: revoke the token when done)" };
        var iface = new Option<string?>("--interface") { Description = "LAN interface to serve on (TFTP binds its IPv4 address)" };
        var http = new Option<string>("--http") { Description = "HTTP listen URL", DefaultValueFactory = _ => "http://0.0.0.0:8080" };
        var publicUrl = new Option<string?>("--public-url") { Description = "Base URL nodes use to reach the HTTP server (default: the address a request arrived on)" };
        var tftpRoot = new Option<string?>("--tftp-root") { Description = "Directory served over TFTP (default: Debian's iPXE loaders, staged in a temporary directory)" };
        var tftpPort = new Option<int>("--tftp-port") { Description = "TFTP port", DefaultValueFactory = _ => 69 };
        var noTftp = new Option<bool>("--no-tftp") { Description = "Do not run TFTP" };
        var kernelDir = new Option<string?>("--kernel-dir") { Description = "Directory of kernel images served under /kernel/" };
        var image = new Option<string?>("--image") { Description = "Zos node image directory (zos image build -o DIR) served under /kernel/; the profile's kernel and initrd default to its zos-node.vmlinuz and zos-node.initramfs" };
        var kernel = new Option<string?>("--kernel") { Description = "Kernel file or URL when the configuration comes from the registry (default net/<runmode>.efi)" };
        var orphans = new Option<bool>("--boot-unknown") { Description = "Boot unknown MACs as orphans (registry configuration)" };
        var mode = new Option<string>("--mode") { Description = "DHCP mode: full or proxy", DefaultValueFactory = _ => "full" };
        var dhcp = new Option<bool>("--dhcp") { Description = "Run DHCP on --interface (full mode needs the configuration's dhcp section)" };
        var leases = new Option<string?>("--lease-file") { Description = "File the DHCP leases are kept in" };
        var noReport = new Option<bool>("--no-report") { Description = "Do not post boot steps to the registry (with --registry they are posted, signed with your account key, when it exists)" };
        var serveKey = new Option<string?>("--registry-key")
        {
            Description = "The registry's public key (base64) nodes get as zos-registry-key=; default: read once from --registry at start (GET /api/v1/registry)",
        };
        var command = new Command("serve", "Serve TFTP (iPXE loaders) and HTTP (per-MAC iPXE scripts, kernels, boot events) for a farm")
        {
            config, registry, farm, farmToken, iface, http, publicUrl, tftpRoot, tftpPort, noTftp, kernelDir, image, kernel, orphans, mode, dhcp, leases, noReport, serveKey,
        };
        command.SetAction(async (parse, ct) =>
        {
            var request = new BootServeRequest
            {
                ConfigFile = parse.GetValue(config),
                RegistryUrl = parse.GetValue(registry),
                RegistryKey = parse.GetValue(serveKey),
                FarmId = parse.GetValue(farm),
                FarmTokenFile = parse.GetValue(farmToken),
                Interface = parse.GetValue(iface),
                HttpUrl = parse.GetValue(http)!,
                PublicUrl = parse.GetValue(publicUrl),
                TftpRoot = parse.GetValue(tftpRoot),
                TftpPort = parse.GetValue(tftpPort),
                NoTftp = parse.GetValue(noTftp),
                KernelDirectory = parse.GetValue(kernelDir),
                ImageDirectory = parse.GetValue(image),
                Kernel = parse.GetValue(kernel),
                BootUnknown = parse.GetValue(orphans),
                Mode = parse.GetValue(mode)!,
                Dhcp = parse.GetValue(dhcp),
                LeaseFile = parse.GetValue(leases),
                NoReport = parse.GetValue(noReport),
            };
            using var loggers = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Information));
            try
            {
                await new BootServeHost(Console.Out, loggers).RunAsync(request, ct);
                return ExitCodes.Ok;
            }
            catch (BootServeException e)
            {
                return Fail(BootFailures.ExitCodeOf(e), e.Message);
            }
            catch (Exception e) when (e is FormatException or UriFormatException)
            {
                return Fail(ExitCodes.Usage, $"--http '{request.HttpUrl}': {e.Message.TrimEnd('.')}; expected e.g. http://0.0.0.0:8080");
            }
        });
        return command;
    }

    public static Command Media()
    {
        var farm = new Option<string>("--farm") { Description = "Farm id (a positive integer)", Required = true };
        var runmode = new Option<string>("--runmode") { Description = "Network: dev, qa, test or prod", Required = true };
        var args = new Option<string[]>("--args") { Description = "Extra kernel arguments (e.g. vlan:priv=10 console=ttyS0)", AllowMultipleArgumentsPerToken = true };
        var server = new Option<string?>("--server") { Description = "The farm's boot server URL: the medium chains to <server>/boot/<mac> first" };
        var kernelUrl = new Option<string?>("--kernel-url") { Description = "Kernel URL to fetch directly (default: <server>/kernel/net/<runmode>.efi or bootstrap.grid.tf's)" };
        var initrdUrl = new Option<string?>("--initrd-url") { Description = "Initramfs URL fetched with --kernel-url (a Zos boot server's <server>/kernel/zos-node.initramfs)" };
        var format = new Option<string>("--format") { Description = "usb, iso or efi", Required = true };
        var output = new Option<string>("-o", "--output") { Description = "Image file to write", Required = true };
        var delay = new Option<int>("--failure-delay") { Description = "Seconds before rebooting after a failure", DefaultValueFactory = _ => 20 };
        var image = new Option<string?>("--image") { Description = "Zos node image directory (zos image build -o DIR): the medium carries its kernel and initramfs and boots them without a boot server" };
        var registry = new Option<string?>("--registry") { Description = "Registry URL the node registers with (zos-registry= on the command line)" };
        var mediaToken = new Option<string?>("--farm-token-file") { Description = "File holding a farm enrollment token (zos farm token create): the medium's command line gets zos-farm-token=, so the node joins the farm without waiting for approval" };
        var size = new Option<int?>("--size") { Description = "Size in MiB of a usb or efi medium with --image (default: computed from the image, with headroom)" };
        var mediaKey = new Option<string?>("--registry-key")
        {
            Description = "The registry's public key (base64), zos-registry-key= on the command line; default with --registry: read once from it (GET /api/v1/registry)",
        };
        var command = new Command("media", "Build a USB/ISO/EFI boot image: the node image itself (--image), or Debian's iPXE with the farm's boot script (write it with dd)")
        {
            farm, runmode, args, server, kernelUrl, initrdUrl, format, output, delay, image, registry, mediaToken, size, mediaKey,
        };
        command.SetAction(async (parse, ct) =>
        {
            string? token = null;
            if (parse.GetValue(mediaToken) is { } tokenFile && (token = Zos.Boot.Configuration.FarmTokenFile.Read("--farm-token-file", tokenFile, out var tokenProblem)) is null)
                return Fail(ExitCodes.Usage, tokenProblem!);
            var request = new BootMediaRequest
            {
                FarmId = parse.GetValue(farm)!,
                Runmode = parse.GetValue(runmode)!,
                Args = [.. (parse.GetValue(args) ?? []).SelectMany(a => a.Split(' ', StringSplitOptions.RemoveEmptyEntries))],
                ServerUrl = parse.GetValue(server),
                KernelUrl = parse.GetValue(kernelUrl),
                InitrdUrl = parse.GetValue(initrdUrl),
                Format = parse.GetValue(format)!,
                Output = parse.GetValue(output)!,
                FailureDelaySeconds = parse.GetValue(delay),
                ImageDirectory = parse.GetValue(image),
                RegistryUrl = parse.GetValue(registry)?.TrimEnd('/'),
                RegistryKey = parse.GetValue(mediaKey),
                SizeMiB = parse.GetValue(size),
                FarmToken = token,
            };
            var errors = BootMediaBuilder.Validate(request);
            if (errors.Count == 0 && request.RegistryKey is null && request.RegistryUrl is { } registryUrl)
            {
                // The medium carries the key, so the node trusts its registry from the first answer on.
                try
                {
                    using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(15) };
                    request = request with { RegistryKey = await RegistryKeyFetch.FetchAsync(http, new Uri(registryUrl), ct) };
                    CliMessages.Note(Console.Error, $"registry key {request.RegistryKey} (read from {registryUrl}): the medium carries zos-registry-key=");
                }
                catch (RegistryTrustException e)
                {
                    return Fail(ExitCodes.Unreachable, $"{e.Message}; give it with --registry-key");
                }
            }
            if (errors.Count > 0)
            {
                foreach (var e in errors)
                    CliMessages.Problem(Console.Error, e);
                return ExitCodes.Usage;
            }
            try
            {
                var result = await BootMediaBuilder.BuildAsync(request, ct);
                if (request.ImageDirectory is not null)
                    Console.WriteLine(result.Script);
                Console.WriteLine($"wrote {result.Path} ({result.Length.ToString("N0", CultureInfo.InvariantCulture)} bytes, {request.Format}); write it with: dd if={result.Path} of=/dev/sdX bs=4M conv=fsync");
                return ExitCodes.Ok;
            }
            catch (MediaToolException e)
            {
                return Fail(ExitCodes.Failed, e.Message);
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException && BootFailures.MissingMediaFile(e) is { } missing)
            {
                // The boot loaders come from Debian packages (isolinux, syslinux-common, ipxe, grub-efi-amd64-bin).
                return Fail(ExitCodes.Failed, missing);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return Fail(ExitCodes.Failed, $"-o {request.Output}: {e.Message.TrimEnd('.')}; write the image where this user can write");
            }
        });
        return command;
    }

    private static int Fail(int code, string message) => CliMessages.Fail(Console.Error, code, message);
}
