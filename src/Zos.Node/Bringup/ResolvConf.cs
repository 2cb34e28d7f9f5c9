using System.Net;
using System.Text;

namespace Zos.Node.Bringup;

/// <summary>
/// The resolv.conf(5) the node writes from its lease, and the rule for when it may replace one: only a file it wrote
/// itself (first line <see cref="Marker"/>), an empty one or none. A machine booted from the Zos image has none;
/// a host that has its own resolver configuration keeps it.
/// </summary>
public static class ResolvConf
{
    public const string Marker = "# Written by the Zos node daemon from the DHCP lease on zos; replaced at every lease.";

    /// <summary>glibc reads at most this many nameserver lines (MAXNS in resolv.h); more would be ignored.</summary>
    public const int MaxNameServers = 3;

    public static string Render(IReadOnlyList<IPAddress> servers)
    {
        var text = new StringBuilder(Marker).Append('\n');
        foreach (var server in servers.Distinct().Take(MaxNameServers))
            text.Append("nameserver ").Append(server).Append('\n');
        return text.ToString();
    }

    /// <summary>True when <paramref name="existing"/> (null: no file) may be replaced.</summary>
    public static bool MayReplace(string? existing) =>
        string.IsNullOrWhiteSpace(existing) || existing.StartsWith(Marker, StringComparison.Ordinal);
}
