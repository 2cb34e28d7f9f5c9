using System.Net;

namespace Zos.Lab.Vm;

/// <summary>
/// One round of pings run inside a VM from a namespace of its own (a network resource <c>n-&lt;netid&gt;</c>) through
/// the VM's shell console: busybox <c>ping</c>, one request per address, printing fping's words ("A is alive",
/// "A is unreachable") so <see cref="Runtime.FpingRound.Parse"/> reads the answer. The image has no fping; its
/// busybox <c>ip</c> (first on the shell's PATH) has no <c>netns</c>, so iproute2's is named by its path.
/// </summary>
public static class VmPingRound
{
    /// <summary>Seconds each ping waits for its reply.</summary>
    public const int TimeoutSeconds = 2;

    /// <summary>The shell command line: addresses are checked to be IP addresses, the namespace name to be a plain name.</summary>
    public static string Command(string netns, IEnumerable<string> addresses)
    {
        if (netns.Length == 0 || !netns.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            throw new ArgumentException($"netns: '{netns}' is not a namespace name", nameof(netns));
        var list = addresses.ToList();
        foreach (var a in list)
        {
            if (!IPAddress.TryParse(a, out _))
                throw new ArgumentException($"addresses: '{a}' is not an IP address", nameof(addresses));
        }
        return $"/usr/bin/ip netns exec {netns} sh -c 'for a in {string.Join(' ', list)}; do if ping -c 1 -W {TimeoutSeconds} $a >/dev/null 2>&1; "
            + "then echo \"$a is alive\"; else echo \"$a is unreachable\"; fi; done'";
    }
}
