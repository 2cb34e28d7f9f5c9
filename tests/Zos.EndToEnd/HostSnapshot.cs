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
