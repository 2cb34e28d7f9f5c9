using System.Globalization;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging;
using Zos.Boot.Configuration;
using Zos.Boot.Http;
using Zos.Boot.Image;
using Zos.Boot.Tftp;
using Zos.Client;

namespace Zos.Boot.Hosting;

/// <summary>
/// `zos boot serve` composed: checks the request, picks the configuration source (a file, or the registry's farm),
/// the boot-step reporter, the LAN address, the TFTP root (Debian's iPXE loaders staged when none is given), then runs
/// the <see cref="BootServer"/> until cancelled, writing what it serves and every boot step to the output.
/// </summary>
public sealed class BootServeHost
{
    private readonly TextWriter _output;
    private readonly ILoggerFactory _loggers;
    private readonly TimeProvider _time;

    public BootServeHost(TextWriter output, ILoggerFactory loggers, TimeProvider? time = null)
    {
        // Boot steps are written from the servers' threads.
        _output = TextWriter.Synchronized(output);
        _loggers = loggers;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Serves until <paramref name="ct"/> is cancelled; throws <see cref="BootServeException"/> when it cannot.</summary>
    public async Task RunAsync(BootServeRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var mode = request.Mode switch
        {
            "full" => BootServerMode.Full,
            "proxy" => BootServerMode.Proxy,
            _ => throw Usage($"--mode: '{request.Mode}' is not a mode (expected full or proxy)"),
        };
        var (kernelDirectory, defaults) = ImageDefaults(request);
        if (request.RegistryUrl is { } registryUrl)
            defaults = defaults with { RegistryUrl = registryUrl.TrimEnd('/') };
        if (request.FarmTokenFile is { } tokenFile)
            defaults = defaults with { FarmToken = FarmTokenFile.Read("--farm-token-file", tokenFile, out var problem) ?? throw Usage(problem!) };
        if (request.ConfigFile is null && (request.RegistryUrl is null || request.FarmId is null))
            throw Usage("give --config FILE, or --registry URL with --farm ID");

        using var httpClient = new HttpClient();
        defaults = defaults with { RegistryKey = await RegistryKeyAsync(request, ct) };
        var (source, reportSigner, reportFarm) = ConfigSource(request, defaults, httpClient);

        if (request.Dhcp && request.Interface is null)
            throw Usage("--dhcp needs --interface (the LAN to serve)");
        var address = InterfaceAddress(request.Interface);

        string? staged = null;
        try
        {
            TftpServerOptions? tftp = null;
            if (!request.NoTftp)
            {
                var root = request.TftpRoot;
                if (root is null)
                {
                    staged = Directory.CreateTempSubdirectory("zos-boot-tftp-").FullName;
                    DebianIpxeLoaders.Stage(staged);
                    root = staged;
                }
                else if (!Directory.Exists(root))
                {
                    throw Usage($"--tftp-root: '{root}' is not a directory");
                }
                tftp = new TftpServerOptions { Root = root, Endpoint = new IPEndPoint(address, request.TftpPort) };
            }
            if (kernelDirectory is { } kd && !Directory.Exists(kd))
                throw Usage($"--kernel-dir: '{kd}' is not a directory");

            var options = new BootServerOptions
            {
                ConfigSource = source,
                Http = new BootHttpOptions { Urls = [request.HttpUrl], KernelDirectory = kernelDirectory, PublicUrl = request.PublicUrl },
                Tftp = tftp,
                Mode = mode,
                Interface = request.Interface,
                Dhcp = request.Dhcp
                    ? new BootDhcpHosting { ServerAddress = address, Interface = request.Interface, LeaseFile = request.LeaseFile, ScriptBaseUrl = request.PublicUrl is { } pu ? pu.TrimEnd('/') + "/boot/" : null }
                    : null,
            };
            if (options.Dhcp is not null && address.Equals(IPAddress.Any))
                throw Usage($"--interface: '{request.Interface}' has no IPv4 address for DHCP to answer from");
            await ServeAsync(request, options, httpClient, reportSigner, reportFarm, ct);
        }
        finally
        {
            if (staged is not null)
                Directory.Delete(staged, recursive: true);
        }
    }

    private async Task ServeAsync(BootServeRequest request, BootServerOptions options, HttpClient httpClient, RequestSigner? reportSigner, uint reportFarm, CancellationToken ct)
    {
        try
        {
            await using var server = new BootServer(options, _time, _loggers);
            server.Events.Recorded += e => _output.WriteLine($"{e.Time:HH:mm:ss} {e.Step} {e.Mac ?? "-"} {e.Client ?? "-"} {e.Detail}");
            await using var reporter = reportSigner is null ? null
                : new RegistryBootEventReporter(httpClient, reportSigner, reportFarm, _loggers.CreateLogger<RegistryBootEventReporter>());
            reporter?.Attach(server.Events);
            await server.StartAsync(ct);
            _output.WriteLine($"boot server for farm {server.Configuration.FarmId}: {server.Configuration.Nodes.Count} node(s), " +
                $"runmode {server.Configuration.Profile.Runmode}, unknown MACs: {server.Configuration.UnknownMacs.ToString().ToLowerInvariant()}");
            if (server.Tftp is { } t)
                _output.WriteLine($"tftp: udp {t.LocalEndPoint} serving {options.Tftp!.Root}");
            _output.WriteLine($"http: {string.Join(", ", server.Http.Addresses)} (GET /boot/<mac>, /kernel/..., /boot/events)");
            _output.WriteLine(reporter is null
                ? "registry: boot steps not posted (needs --registry and --farm, and your account key)"
                : $"registry: boot steps posted to {httpClient.BaseAddress} for farm {reportFarm}, signed by {reportSigner!.Identity.Id}");
            _output.WriteLine(server.Dhcp is { } d
                ? $"dhcp: {request.Mode} mode on {options.Interface} udp {d.LocalEndPoint}"
                : "dhcp: off (use --dhcp --interface IF, or point the farm's DHCP next-server/filename here)");
            // Under systemd (Type=notify, zos-boot.service): started only now that every listener runs; elsewhere nothing.
            var systemd = new SystemdNotifier();
            if (systemd.IsEnabled)
                systemd.Notify(ServiceState.Ready);
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException)
            {
            }
            if (systemd.IsEnabled)
                systemd.Notify(ServiceState.Stopping);
        }
        catch (BootConfigurationException e)
        {
            throw new BootServeException(BootServeFailure.Invalid, e.Message, e);
        }
        catch (InvalidOperationException e)
        {
            throw new BootServeException(BootServeFailure.Failed, e.Message, e);
        }
    }

    /// <summary>With --image: its directory is what /kernel/ serves, and its kernel, initramfs and arguments the defaults.</summary>
    private (string? KernelDirectory, BootServerDefaults Defaults) ImageDefaults(BootServeRequest request)
    {
        if (request.ImageDirectory is not { } imageDir)
            return (request.KernelDirectory, BootServerDefaults.None);
        if (request.KernelDirectory is not null)
            throw Usage("--image and --kernel-dir both name what /kernel/ serves: give one");
        NodeImageDirectory opened;
        try
        {
            opened = NodeImageDirectory.Open(imageDir);
        }
        catch (NodeImageException e)
        {
            throw Usage($"--image: {e.Message}", e);
        }
        _output.WriteLine($"image: {opened.Directory} (kernel {opened.KernelVersion ?? "?"}, {opened.KernelSize.ToString("N0", CultureInfo.InvariantCulture)} + " +
            $"{opened.InitrdSize.ToString("N0", CultureInfo.InvariantCulture)} bytes, sizes and sha256 match manifest.json)");
        return (opened.Directory, new BootServerDefaults
        {
            Kernel = NodeImageDirectory.KernelFile,
            Initrd = NodeImageDirectory.InitrdFile,
            Arguments = NodeImageDirectory.KernelArguments,
        });
    }

    /// <summary>
    /// The key nodes get as <c>zos-registry-key=</c>: --registry-key when given, else read once from --registry at
    /// start (a registry that cannot say its key stops the boot server: nodes would otherwise trust whoever answers
    /// first); null without either.
    /// </summary>
    private async Task<string?> RegistryKeyAsync(BootServeRequest request, CancellationToken ct)
    {
        if (request.RegistryKey is { } given)
        {
            if (!Core.Contracts.ResponseSigning.TryParseKey(given, out _))
                throw Usage($"--registry-key: '{given}' is not a registry key (base64 of a 32-byte Ed25519 public key, as GET /api/v1/registry gives it)");
            _output.WriteLine($"registry key {given.Trim()} (--registry-key): nodes get zos-registry-key=");
            return given.Trim();
        }
        if (request.RegistryUrl is not { } url)
            return null;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var registry))
            throw Usage($"--registry: '{url}' is not a URL");
        // A registry started together with the boot server may need a moment: three tries, a second apart.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                // A client of its own: the shared one gets its BaseAddress later, which HttpClient refuses once it has sent a request.
                using var keyClient = new HttpClient();
                var key = await RegistryKeyFetch.FetchAsync(keyClient, registry, ct);
                _output.WriteLine($"registry key {key} (read from {url} at start): nodes get zos-registry-key=");
                return key;
            }
            catch (RegistryTrustException e) when (attempt >= 3)
            {
                throw new BootServeException(BootServeFailure.Failed, $"{e.Message}; give it with --registry-key", e);
            }
            catch (RegistryTrustException)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), _time, ct);
            }
        }
    }

    /// <summary>
    /// The configuration source (a file, or the registry's farm), and who signs the boot steps posted to the registry:
    /// the farm owner's account key when it exists, with --registry and --farm, unless --no-report.
    /// </summary>
    private (IBootConfigSource Source, RequestSigner? ReportSigner, uint ReportFarm) ConfigSource(BootServeRequest request, BootServerDefaults defaults, HttpClient httpClient)
    {
        IBootConfigSource source;
        RequestSigner? reportSigner = null;
        uint reportFarm = 0;
        if (request.ConfigFile is { } file)
        {
            source = new FileBootConfigSource(file, defaults);
        }
        else if (request.RegistryUrl is { } url && request.FarmId is { } farmId)
        {
            if (!Uri.TryCreate(url.TrimEnd('/') + "/", UriKind.Absolute, out var baseUri))
                throw Usage($"--registry: '{url}' is not a URL");
            httpClient.BaseAddress = baseUri;
            source = new RegistryBootConfigSource(new RegistryClient(httpClient), farmId, request.Kernel,
                request.BootUnknown ? UnknownMacPolicy.Orphan : UnknownMacPolicy.Ignore, defaults);
            // Boot steps go to the registry signed as the farm owner; without the account key there is nothing to sign with.
            var user = UserConfig.FromEnvironment();
            if (!request.NoReport && File.Exists(user.AccountKeyPath))
            {
                reportSigner = new RequestSigner(user.AccountIdentity(), _time);
                reportFarm = farmId;
            }
        }
        else
        {
            throw Usage("give --config FILE, or --registry URL with --farm ID");
        }
        // A configuration file (the lab's: it carries the DHCP section) with --registry and --farm: the boot steps still go there.
        if (reportSigner is null && !request.NoReport && request.RegistryUrl is { } reportUrl && request.FarmId is { } reportFarmId
            && Uri.TryCreate(reportUrl.TrimEnd('/') + "/", UriKind.Absolute, out var reportBase) && UserConfig.FromEnvironment() is { } reportUser
            && File.Exists(reportUser.AccountKeyPath))
        {
            httpClient.BaseAddress = reportBase;
            reportSigner = new RequestSigner(reportUser.AccountIdentity(), _time);
            reportFarm = reportFarmId;
        }
        return (source, reportSigner, reportFarm);
    }

    /// <summary>The first IPv4 address of the LAN interface (0.0.0.0 when it has none, or when no interface is given).</summary>
    private static IPAddress InterfaceAddress(string? name)
    {
        if (name is null)
            return IPAddress.Any;
        var found = NetworkInterface.GetAllNetworkInterfaces().FirstOrDefault(n => n.Name == name)
            ?? throw Usage($"--interface: no interface named '{name}'");
        return found.GetIPProperties().UnicastAddresses.Select(u => u.Address).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)
            ?? IPAddress.Any;
    }

    private static BootServeException Usage(string message, Exception? inner = null) => new(BootServeFailure.Usage, message, inner);
}
