using System.Text.RegularExpressions;
using Xunit;
using Zos.Testing;

namespace Zos.Node.Tests.Security;

/// <summary>nmap (SYN and UDP scan, fast timings) run from a test namespace, and the ports its grepable output reports open.</summary>
internal static partial class NmapScan
{
    public static string Run(string ns, string target, string ports)
    {
        var args = new List<string> { "netns", "exec", ns, "nmap", "-Pn", "-n", "-sS", "-sU", "-T5", "--max-retries", "1", "--initial-rtt-timeout", "100ms", "--max-rtt-timeout", "200ms", "--host-timeout", "180s", "-p", ports, "-oG", "-" };
        if (target.Contains(':', StringComparison.Ordinal))
            args.Add("-6");
        args.Add(target);
        var result = Sh.Run("ip", args, TimeSpan.FromSeconds(240));
        Assert.True(result.ExitCode == 0, result.StdOut + result.StdErr);
        return result.StdOut;
    }

    /// <summary>Ports nmap's grepable output reports strictly "open" (not "open|filtered").</summary>
    public static List<string> OpenPorts(string grepable) => [.. OpenPort().Matches(grepable).Select(m => m.Value)];

    [GeneratedRegex(@"\d+/open/(tcp|udp)/")]
    private static partial Regex OpenPort();
}
