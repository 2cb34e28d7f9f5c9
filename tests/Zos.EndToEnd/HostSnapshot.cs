using System.Text.Json;
using Zos.Testing;

namespace Zos.EndToEnd;

/// <summary>
/// What the host has that a lab could leave behind: network namespaces, links of the root namespace, nftables
/// tables of the root namespace, the daemons the lab runs and WireGuard control sockets. Compared before `lab up` and after `lab down`.
/// </summary>
internal sealed record HostSnapshot(string Namespaces, string Links, string NftTables, string Daemons, string WireGuardSockets)
{
    private static readonly string[] s_daemons = ["dnsmasq", "radvd", "wireguard-go", "udhcpc"];

    public static HostSnapshot Take()
    {
        var namespaces = Sorted(Sh.Run("ip", "netns", "list").StdOut.Split('\n').Select(l => l.Split(' ')[0]));
        using var links = JsonDocument.Parse(Sh.Run("ip", "-j", "link", "show").EnsureSuccess("ip -j link").StdOut);
        var linkNames = Sorted(links.RootElement.EnumerateArray().Select(l => l.GetProperty("ifname").GetString() ?? ""));
        var tables = Sorted(Sh.Run("nft", "list", "tables").StdOut.Split('\n'));
        // Zombies are not running daemons: they wait for PID 1 to reap them, which this sandbox's init does lazily.
        var daemons = Sorted(s_daemons.SelectMany(d => Sh.Run("pgrep", "-x", d).StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(pid => !IsZombie(pid.Trim())).Select(pid => $"{d}:{pid}")));
        var sockets = Sorted(Directory.Exists("/run/wireguard") ? Directory.EnumerateFiles("/run/wireguard").Select(Path.GetFileName).OfType<string>() : []);
        return new HostSnapshot(namespaces, linkNames, tables, daemons, sockets);
    }

    /// <summary>
    /// Only what a lab names as its own (zl-* namespaces, links and WireGuard sockets, the root namespace's nftables
    /// tables): VM tests run for minutes, while other test processes on the host make and remove their own zt-*
    /// namespaces, links and daemons, so a whole-host comparison over that time would compare them too. The lab's
    /// daemons are checked by <see cref="ProcessesUsing"/> instead (each names the lab directory).
    /// </summary>
    public HostSnapshot OnlyLab() => this with
    {
        Daemons = "",
        Namespaces = Filter(Namespaces, n => n.StartsWith("zl-", StringComparison.Ordinal)),
        Links = Filter(Links, n => n.StartsWith("zl-", StringComparison.Ordinal)),
        WireGuardSockets = Filter(WireGuardSockets, n => n.StartsWith("zl-", StringComparison.Ordinal)),
    };

    /// <summary>Processes whose command line names <paramref name="directory"/> (a lab's qemu VMs name their disks and consoles there).</summary>
    public static IReadOnlyList<string> ProcessesUsing(string directory) =>
        [.. Directory.EnumerateDirectories("/proc").Select(d => (Pid: Path.GetFileName(d), Cmdline: ReadCmdline(d)))
            .Where(p => p.Pid.All(char.IsAsciiDigit) && p.Cmdline.Contains(directory, StringComparison.Ordinal) && !IsZombie(p.Pid))
            .Select(p => $"{p.Pid}: {p.Cmdline}")];

    private static string ReadCmdline(string procDir)
    {
        try
        {
            return File.ReadAllText(Path.Combine(procDir, "cmdline")).Replace('\0', ' ');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }

    private static string Filter(string sorted, Func<string, bool> keep) => string.Join(',', sorted.Split(',').Where(keep));

    private static bool IsZombie(string pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z');
        }
        catch (IOException)
        {
            return true; // gone already
        }
    }

    private static string Sorted(IEnumerable<string> items) =>
        string.Join(',', items.Select(i => i.Trim()).Where(i => i.Length > 0 && !i.EndsWith(':')).Order(StringComparer.Ordinal));
}
