using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Zos.Boot.Configuration;
using Zos.Boot.Hosting;
using Zos.Boot.Image;
using Zos.Boot.Http;
using Zos.Boot.Media;
using Zos.Boot.Tftp;
using Zos.Client;

namespace Zos.Cli.Commands;

/// <summary>`zos boot serve` (DHCP/TFTP/HTTP boot server) and `zos boot media` (USB/ISO/EFI images).</summary>
internal static class BootCommands
{
    public static Command Serve()
    {
        var config = new Option<string?>("--config") { Description = "Boot configuration file (YAML or JSON: farmId, profile, nodes, unknownMacs)" };
        var registry = new Option<string?>("--registry") { Description = "Registry URL: with --farm the farm's boot profile and MAC list are read from it; nodes get zos-registry=<url> either way" };
        var farm = new Option<uint?>("--farm") { Description = "Farm id (with --registry)" };
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
        var command = new Command("serve", "Serve TFTP (iPXE loaders) and HTTP (per-MAC iPXE scripts, kernels, boot events) for a farm")
        {
            config, registry, farm, iface, http, publicUrl, tftpRoot, tftpPort, noTftp, kernelDir, image, kernel, orphans, mode, dhcp, leases, noReport,
        };
        command.SetAction(async (parse, ct) =>
        {
            var modeText = parse.GetValue(mode);
            BootServerMode serverMode;
            switch (modeText)
            {
                case "full":
                    serverMode = BootServerMode.Full;
                    break;
                case "proxy":
                    serverMode = BootServerMode.Proxy;
                    break;
                default:
                    return Fail(ExitCodes.Usage, $"--mode: '{modeText}' is not a mode (expected full or proxy)");
            }
            var kernelDirectory = parse.GetValue(kernelDir);
            var defaults = BootServerDefaults.None;
            if (parse.GetValue(image) is { } imageDir)
            {
                if (kernelDirectory is not null)
                    return Fail(ExitCodes.Usage, "--image and --kernel-dir both name what /kernel/ serves: give one");
                NodeImageDirectory opened;
                try
                {
                    opened = NodeImageDirectory.Open(imageDir);
                }
                catch (NodeImageException e)
                {
                    return Fail(ExitCodes.Usage, $"--image: {e.Message}");
                }
                kernelDirectory = opened.Directory;
                defaults = new BootServerDefaults
                {
                    Kernel = NodeImageDirectory.KernelFile,
                    Initrd = NodeImageDirectory.InitrdFile,
                    Arguments = NodeImageDirectory.KernelArguments,
                };
                Console.WriteLine($"image: {opened.Directory} (kernel {opened.KernelVersion ?? "?"}, {opened.KernelSize.ToString("N0", CultureInfo.InvariantCulture)} + " +
                    $"{opened.InitrdSize.ToString("N0", CultureInfo.InvariantCulture)} bytes, sizes and sha256 match manifest.json)");
            }
            if (parse.GetValue(registry) is { } registryUrl)
                defaults = defaults with { RegistryUrl = registryUrl.TrimEnd('/') };
            IBootConfigSource source;
            using var httpClient = new HttpClient();
            RequestSigner? reportSigner = null;
            uint reportFarm = 0;
            if (parse.GetValue(config) is { } file)
            {
                source = new FileBootConfigSource(file, defaults);
            }
            else if (parse.GetValue(registry) is { } url && parse.GetValue(farm) is { } farmId)
            {
                if (!Uri.TryCreate(url.TrimEnd('/') + "/", UriKind.Absolute, out var baseUri))
                    return Fail(ExitCodes.Usage, $"--registry: '{url}' is not a URL");
                httpClient.BaseAddress = baseUri;
                source = new RegistryBootConfigSource(new RegistryClient(httpClient), farmId, parse.GetValue(kernel),
                    parse.GetValue(orphans) ? UnknownMacPolicy.Orphan : UnknownMacPolicy.Ignore, defaults);
                // Boot steps go to the registry signed as the farm owner; without the account key there is nothing to sign with.
                var user = UserConfig.FromEnvironment();
                if (!parse.GetValue(noReport) && File.Exists(user.AccountKeyPath))
                {
                    reportSigner = new RequestSigner(user.AccountIdentity(), TimeProvider.System);
                    reportFarm = farmId;
                }
            }
            else
            {
                return Fail(ExitCodes.Usage, "give --config FILE, or --registry URL with --farm ID");
            }
            // A configuration file (the lab's: it carries the DHCP section) with --registry and --farm: the boot steps still go there.
            if (reportSigner is null && !parse.GetValue(noReport) && parse.GetValue(registry) is { } reportUrl && parse.GetValue(farm) is { } reportFarmId
                && Uri.TryCreate(reportUrl.TrimEnd('/') + "/", UriKind.Absolute, out var reportBase) && UserConfig.FromEnvironment() is { } reportUser
                && File.Exists(reportUser.AccountKeyPath))
            {
                httpClient.BaseAddress = reportBase;
                reportSigner = new RequestSigner(reportUser.AccountIdentity(), TimeProvider.System);
                reportFarm = reportFarmId;
            }

            if (parse.GetValue(dhcp) && parse.GetValue(iface) is null)
                return Fail(ExitCodes.Usage, "--dhcp needs --interface (the LAN to serve)");
            var address = IPAddress.Any;
            if (parse.GetValue(iface) is { } name)
            {
                var found = NetworkInterface.GetAllNetworkInterfaces().FirstOrDefault(n => n.Name == name);
                if (found is null)
                    return Fail(ExitCodes.Usage, $"--interface: no interface named '{name}'");
                address = found.GetIPProperties().UnicastAddresses.Select(u => u.Address).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)
                    ?? IPAddress.Any;
            }

            string? staged = null;
            TftpServerOptions? tftp = null;
            if (!parse.GetValue(noTftp))
            {
                var root = parse.GetValue(tftpRoot);
                if (root is null)
                {
                    staged = Directory.CreateTempSubdirectory("zos-boot-tftp-").FullName;
                    DebianIpxeLoaders.Stage(staged);
                    root = staged;
                }
                else if (!Directory.Exists(root))
                {
                    return Fail(ExitCodes.Usage, $"--tftp-root: '{root}' is not a directory");
                }
                tftp = new TftpServerOptions { Root = root, Endpoint = new IPEndPoint(address, parse.GetValue(tftpPort)) };
            }
            if (kernelDirectory is { } kd && !Directory.Exists(kd))
                return Fail(ExitCodes.Usage, $"--kernel-dir: '{kd}' is not a directory");

            using var loggers = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Information));
            var options = new BootServerOptions
            {
                ConfigSource = source,
                Http = new BootHttpOptions { Urls = [parse.GetValue(http)!], KernelDirectory = kernelDirectory, PublicUrl = parse.GetValue(publicUrl) },
                Tftp = tftp,
                Mode = serverMode,
                Interface = parse.GetValue(iface),
                Dhcp = parse.GetValue(dhcp)
                    ? new BootDhcpHosting { ServerAddress = address, Interface = parse.GetValue(iface), LeaseFile = parse.GetValue(leases), ScriptBaseUrl = parse.GetValue(publicUrl) is { } pu ? pu.TrimEnd('/') + "/boot/" : null }
                    : null,
            };
            if (options.Dhcp is not null && address.Equals(IPAddress.Any))
                return Fail(ExitCodes.Usage, $"--interface: '{parse.GetValue(iface)}' has no IPv4 address for DHCP to answer from");
            try
            {
                await using var server = new BootServer(options, loggers: loggers);
                server.Events.Recorded += e => Console.WriteLine($"{e.Time:HH:mm:ss} {e.Step} {e.Mac ?? "-"} {e.Client ?? "-"} {e.Detail}");
                await using var reporter = reportSigner is null ? null
                    : new RegistryBootEventReporter(httpClient, reportSigner, reportFarm, loggers.CreateLogger<RegistryBootEventReporter>());
                reporter?.Attach(server.Events);
                await server.StartAsync(ct);
                Console.WriteLine($"boot server for farm {server.Configuration.FarmId}: {server.Configuration.Nodes.Count} node(s), " +
                    $"runmode {server.Configuration.Profile.Runmode}, unknown MACs: {server.Configuration.UnknownMacs.ToString().ToLowerInvariant()}");
                if (server.Tftp is { } t)
                    Console.WriteLine($"tftp: udp {t.LocalEndPoint} serving {options.Tftp!.Root}");
                Console.WriteLine($"http: {string.Join(", ", server.Http.Addresses)} (GET /boot/<mac>, /kernel/..., /boot/events)");
                Console.WriteLine(reporter is null
                    ? "registry: boot steps not posted (needs --registry and --farm, and your account key)"
                    : $"registry: boot steps posted to {httpClient.BaseAddress} for farm {reportFarm}, signed by {reportSigner!.Identity.Id}");
                Console.WriteLine(server.Dhcp is { } d
                    ? $"dhcp: {modeText} mode on {options.Interface} udp {d.LocalEndPoint}"
                    : "dhcp: off (use --dhcp --interface IF, or point the farm's DHCP next-server/filename here)");
                try
                {
                    await Task.Delay(Timeout.Infinite, ct);
                }
                catch (OperationCanceledException)
                {
                }
                return ExitCodes.Ok;
            }
            catch (BootConfigurationException e)
            {
                return Fail(ExitCodes.Invalid, e.Message);
            }
            catch (InvalidOperationException e)
            {
                return Fail(ExitCodes.Failed, e.Message);
            }
            finally
            {
                if (staged is not null)
                    Directory.Delete(staged, recursive: true);
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
        var size = new Option<int?>("--size") { Description = "Size in MiB of a usb or efi medium with --image (default: computed from the image, with headroom)" };
        var command = new Command("media", "Build a USB/ISO/EFI boot image: the node image itself (--image), or Debian's iPXE with the farm's boot script (write it with dd)")
        {
            farm, runmode, args, server, kernelUrl, initrdUrl, format, output, delay, image, registry, size,
        };
        command.SetAction(async (parse, ct) =>
        {
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
                SizeMiB = parse.GetValue(size),
            };
            var errors = BootMediaBuilder.Validate(request);
            if (errors.Count > 0)
            {
                foreach (var e in errors)
                    await Console.Error.WriteLineAsync(e.ToString());
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
        });
        return command;
    }

    private static int Fail(int code, string message)
    {
        Console.Error.WriteLine($"error: {message}");
        return code;
    }
}
