using System.Diagnostics;
using Zos.Core.Nftables;
using Zos.Linux.Processes;

namespace Zos.Linux.WireGuard;

/// <summary>
/// A WireGuard device we created: kernel link or wireguard-go process. Configuration is applied as a diff against
/// the state read back from the device (<see cref="WireGuardUpdate"/>), so unchanged peers keep their sessions and
/// the link is never brought down. Disposing deletes the device (stops wireguard-go and removes its socket).
/// </summary>
public sealed class WireGuardDevice : IAsyncDisposable
{
    private const string SharedRuntimeDirectory = "/var/run/wireguard";
    private static volatile bool s_kernelLacksWireGuard;
    private readonly HelperProcess? _process;
    private readonly WireGuardUapiClient? _uapi;
    private readonly WireGuardToolClient? _tool;

    private WireGuardDevice(WireGuardDeviceOptions options, WireGuardBackend backend, HelperProcess? process, string? socketPath)
    {
        Options = options;
        Backend = backend;
        _process = process;
        SocketPath = socketPath;
        if (socketPath is not null)
            _uapi = new WireGuardUapiClient(socketPath);
        else
            _tool = new WireGuardToolClient(options.Name, options.NetworkNamespace);
    }

    /// <summary>How it was created.</summary>
    public WireGuardDeviceOptions Options { get; }

    /// <summary>The interface name given at creation.</summary>
    public string Name => Options.Name;

    /// <summary>Kernel or wireguard-go.</summary>
    public WireGuardBackend Backend { get; }

    /// <summary>wireguard-go's control socket, or null for a kernel device.</summary>
    public string? SocketPath { get; }

    /// <summary>wireguard-go's PID, or null for a kernel device.</summary>
    public int? ProcessId => _process?.Id;

    /// <summary>
    /// Creates the device in <see cref="WireGuardDeviceOptions.NetworkNamespace"/>: the kernel module when present and
    /// preferred, else wireguard-go (foreground, tracked). Returns once the device can be configured.
    /// </summary>
    public static async Task<WireGuardDevice> CreateAsync(WireGuardDeviceOptions options, CancellationToken cancellationToken = default)
    {
        if (!NftValidation.IsValidInterfaceName(options.Name))
            throw new ArgumentException($"invalid WireGuard interface name '{options.Name}': 1 to 15 characters, not '.' or '..', without '/', ':', quotes or whitespace", nameof(options));
        var where = options.NetworkNamespace is null ? "the current namespace" : $"namespace '{options.NetworkNamespace}'";
        if (options.PreferKernel && !s_kernelLacksWireGuard)
        {
            var ip = await ProcessRunner.RunAsync(new HelperLaunch("ip", NsArgs(options.NetworkNamespace, "link", "add", options.Name, "type", "wireguard")),
                cancellationToken: cancellationToken).ConfigureAwait(false);
            if (ip.Succeeded)
                return new WireGuardDevice(options, WireGuardBackend.Kernel, null, null);
            // EOPNOTSUPP "Unknown device type": no module, and modules do not appear at run time on a node; stop asking.
            if (ip.StdErr.Contains("Unknown device type", StringComparison.Ordinal))
                s_kernelLacksWireGuard = true;
        }

        var directory = options.RuntimeDirectory ?? SharedRuntimeDirectory;
        var socketPath = Path.Combine(directory, options.Name + ".sock");
        // A live socket means another device of that name runs in this directory; a stale one would fool the readiness
        // check below, so it is removed (wireguard-go would replace it anyway).
        if (File.Exists(socketPath))
        {
            if (IsSocketReady(socketPath))
                throw new WireGuardException($"create WireGuard device {options.Name} in {where}: the control socket {socketPath} is in use by another device of that name (use a RuntimeDirectory per node)");
            File.Delete(socketPath);
        }
        HelperLaunch launch;
        if (options.RuntimeDirectory is null)
        {
            launch = new HelperLaunch(options.WireGuardGo, ["-f", options.Name], options.NetworkNamespace);
        }
        else
        {
            Directory.CreateDirectory(options.RuntimeDirectory);
            // unshare, sh and ip netns exec all exec: the PID stays wireguard-go's. Values go in as arguments, not as script text.
            const string script = "mkdir -p /run/wireguard && mount --bind \"$1\" /run/wireguard && shift && exec \"$@\"";
            List<string> args = ["-m", "--propagation", "private", "sh", "-c", script, "zos-wireguard", Path.GetFullPath(options.RuntimeDirectory)];
            if (options.NetworkNamespace is not null)
                args.AddRange(["ip", "netns", "exec", options.NetworkNamespace]);
            args.AddRange([ExecutableLookup.Find(options.WireGuardGo) ?? options.WireGuardGo, "-f", options.Name]);
            launch = new HelperLaunch("unshare", args);
        }
        var process = HelperProcess.Start(launch with { Environment = new Dictionary<string, string> { ["LOG_LEVEL"] = "error" } });
        var started = Stopwatch.GetTimestamp();
        while (!File.Exists(socketPath) || !IsSocketReady(socketPath))
        {
            if (process.HasExited)
            {
                await process.WaitForExitAsync(TimeSpan.FromSeconds(2), CancellationToken.None).ConfigureAwait(false);
                var output = (process.StdErr + process.StdOut).Trim();
                var error = $"create WireGuard device {options.Name} in {where}: wireguard-go exited with code {process.ExitCode}: {(output.Length > 0 ? output : "(no output)")}";
                await process.DisposeAsync().ConfigureAwait(false);
                throw new WireGuardException(error);
            }
            if (Stopwatch.GetElapsedTime(started) > options.StartTimeout || cancellationToken.IsCancellationRequested)
            {
                await process.DisposeAsync().ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                throw new WireGuardException($"create WireGuard device {options.Name} in {where}: no control socket at {socketPath} after {options.StartTimeout.TotalSeconds} s");
            }
            await Task.Delay(10, CancellationToken.None).ConfigureAwait(false);
        }
        return new WireGuardDevice(options, WireGuardBackend.Userspace, process, socketPath);
    }

    private static bool IsSocketReady(string path)
    {
        try
        {
            using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);
            socket.Connect(new System.Net.Sockets.UnixDomainSocketEndPoint(path));
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    internal static string[] NsArgs(string? ns, params string[] args) => ns is null ? args : ["-n", ns, .. args];

    /// <summary>
    /// For a kernel device: the namespace its link was moved to (the wg tool reaches it there). wireguard-go devices are
    /// reached through their socket wherever the link is, so this changes nothing for them.
    /// </summary>
    public void LinkMovedTo(string? networkNamespace)
    {
        if (_tool is not null)
            _tool.NetworkNamespace = networkNamespace;
    }

    /// <summary>Reads configuration and counters back from the device.</summary>
    public Task<WireGuardDeviceState> GetStateAsync(CancellationToken cancellationToken = default) =>
        _uapi is not null ? _uapi.GetAsync(cancellationToken) : _tool!.GetAsync(cancellationToken);

    /// <summary>
    /// Brings the device to <paramref name="desired"/> by applying only the difference from its current state, and
    /// returns that difference (empty when nothing changed).
    /// </summary>
    public async Task<WireGuardUpdate> ApplyAsync(WireGuardConfig desired, CancellationToken cancellationToken = default)
    {
        var update = WireGuardUpdate.Between(await GetStateAsync(cancellationToken).ConfigureAwait(false), desired);
        if (_uapi is not null)
            await _uapi.SetAsync(update, cancellationToken).ConfigureAwait(false);
        else
            await _tool!.SetAsync(update, cancellationToken).ConfigureAwait(false);
        return update;
    }

    /// <summary>
    /// Deletes the device: stops wireguard-go (which removes its link wherever it was moved, and its socket) or deletes
    /// the kernel link in its creation namespace (a moved kernel link goes with its namespace).
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.StopAsync(TimeSpan.FromSeconds(3)).ConfigureAwait(false);
            await _process.DisposeAsync().ConfigureAwait(false);
            if (SocketPath is not null && File.Exists(SocketPath))
                File.Delete(SocketPath);
        }
        else
        {
            await ProcessRunner.RunAsync(new HelperLaunch("ip", NsArgs(_tool!.NetworkNamespace, "link", "del", Name))).ConfigureAwait(false);
        }
    }
}
