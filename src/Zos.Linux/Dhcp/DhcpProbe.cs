using System.Diagnostics;
using System.Globalization;
using Zos.Linux.Processes;

namespace Zos.Linux.Dhcp;

/// <summary>
/// A one-shot DHCPv4 probe with busybox udhcpc (<c>-q -n -f -t N -T S -s SCRIPT</c>) inside a network namespace.
/// It configures nothing and returns the lease. udhcpc does not check carrier, so an unplugged NIC costs the whole
/// timeout: check carrier first when that matters. The probe cannot release its lease (udhcpc -R sends the RELEASE
/// from the leased address, which the probe never configures), so each probe holds a lease until it expires.
/// </summary>
public static class DhcpProbe
{
    /// <summary>
    /// Probes <paramref name="interfaceName"/> in <paramref name="networkNamespace"/> (null: the current one).
    /// "No lease" is a result, not an exception; failing to start udhcpc throws <see cref="HelperProcessException"/>.
    /// </summary>
    public static async Task<DhcpProbeResult> ProbeAsync(string? networkNamespace, string interfaceName, DhcpProbeOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        options ??= new DhcpProbeOptions();
        options.Validate();
        InterfaceNameRules.Validate(interfaceName, nameof(interfaceName));
        var started = Stopwatch.GetTimestamp();
        var script = DhcpScript.EnsureInstalled(ExecutableLookup.Find(options.BusyBox));
        List<string> args = ["udhcpc", "-i", interfaceName, "-q", "-n", "-f",
            "-t", options.Tries.ToString(CultureInfo.InvariantCulture),
            "-T", options.SecondsPerTry.ToString(CultureInfo.InvariantCulture),
            "-s", script];
        var launch = new HelperLaunch(options.BusyBox, args, networkNamespace);
        // udhcpc's own limit is Tries * SecondsPerTry; allow generous slack before we kill it.
        var limit = TimeSpan.FromSeconds(options.Tries * options.SecondsPerTry + 10);
        var result = await ProcessRunner.RunAsync(launch, timeout: limit, cancellationToken: cancellationToken).ConfigureAwait(false);
        UdhcpcLease? lease = null;
        foreach (var line in result.StdOut.Split('\n'))
        {
            if (DhcpScript.TryParseLine(line.TrimEnd('\r'), out var ev, out _) && ev!.Lease is not null
                && ev.Kind is DhcpEventKind.Bound or DhcpEventKind.Renew)
                lease = ev.Lease;
        }
        var elapsed = Stopwatch.GetElapsedTime(started);
        if (lease is not null)
            return new DhcpProbeResult(lease, null, elapsed);
        var failure = result.ExitCode == 1
            ? $"no DHCP lease on '{interfaceName}' after {options.Tries} DISCOVER(s) {options.SecondsPerTry} s apart"
            : $"udhcpc on '{interfaceName}' exited with code {result.ExitCode}: {result.StdErr.Trim()}";
        return new DhcpProbeResult(null, failure, elapsed);
    }
}
