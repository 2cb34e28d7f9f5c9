using System.Globalization;
using System.Threading.Channels;
using Zos.Linux.Processes;

namespace Zos.Linux.Dhcp;

/// <summary>
/// A long-running DHCPv4 client: busybox udhcpc in the foreground inside a network namespace, with the Zos script
/// reporting every event (deconfig, bound, renew, leasefail, nak) on <see cref="Events"/>. udhcpc configures nothing:
/// the consumer applies each lease (addresses and routes through netlink) and removes it on deconfig. udhcpc renews
/// by itself at T1; <see cref="Renew"/> asks for a renewal now. Dispose stops udhcpc.
/// </summary>
public sealed class DhcpClient : IAsyncDisposable
{
    private readonly HelperProcess _process;
    private readonly Channel<DhcpScriptEvent> _events = Channel.CreateUnbounded<DhcpScriptEvent>(new UnboundedChannelOptions { SingleWriter = true });
    private readonly Task _pump;
    private int _malformed;

    private DhcpClient(HelperProcess process, string interfaceName)
    {
        _process = process;
        Interface = interfaceName;
        _pump = Task.Run(PumpAsync);
    }

    /// <summary>The interface the client runs on.</summary>
    public string Interface { get; }

    /// <summary>The events in order; completes when udhcpc exits.</summary>
    public ChannelReader<DhcpScriptEvent> Events => _events.Reader;

    /// <summary>Output lines that were not valid script output (counted and dropped).</summary>
    public int MalformedLines => Volatile.Read(ref _malformed);

    /// <summary>The udhcpc process id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>True while udhcpc runs.</summary>
    public bool IsRunning => !_process.HasExited;

    /// <summary>Starts udhcpc on <paramref name="interfaceName"/> in <paramref name="networkNamespace"/> (null: current).</summary>
    public static DhcpClient Start(string? networkNamespace, string interfaceName, DhcpClientOptions? options = null)
    {
        options ??= new DhcpClientOptions();
        options.Validate();
        InterfaceNameRules.Validate(interfaceName, nameof(interfaceName));
        var script = DhcpScript.EnsureInstalled(ExecutableLookup.Find(options.BusyBox));
        List<string> args = ["udhcpc", "-f", "-i", interfaceName, "-s", script,
                "-t", options.Tries.ToString(CultureInfo.InvariantCulture),
                "-T", options.SecondsPerTry.ToString(CultureInfo.InvariantCulture),
                "-A", options.SecondsBetweenAttempts.ToString(CultureInfo.InvariantCulture)];
        if (options.ReleaseOnStop)
            args.Add("-R");
        var process = HelperProcess.Start(new HelperLaunch(options.BusyBox, args, networkNamespace));
        return new DhcpClient(process, interfaceName);
    }

    private async Task PumpAsync()
    {
        try
        {
            await foreach (var line in _process.StdOutLines.ReadAllAsync().ConfigureAwait(false))
            {
                if (DhcpScript.TryParseLine(line, out var ev, out _))
                    _events.Writer.TryWrite(ev!);
                else
                    Interlocked.Increment(ref _malformed);
            }
        }
        finally
        {
            _events.Writer.TryComplete();
        }
    }

    /// <summary>Asks udhcpc to renew now (SIGUSR1). False when it is no longer running.</summary>
    public bool Renew() => _process.SignalUser1();

    /// <summary>
    /// Stops udhcpc (SIGTERM; with <see cref="DhcpClientOptions.ReleaseOnStop"/> it sends a RELEASE first), waits for it and
    /// for the last events.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync().ConfigureAwait(false);
        await _pump.ConfigureAwait(false);
    }
}
