using System.Text.Json;
using Zos.Testing;

namespace Zos.Linux.Tests.Infrastructure;

/// <summary>iproute2's JSON output, as an independent observer of what our netlink code did.</summary>
public static class IpJson
{
    /// <summary><c>ip -d -j -n NS link show</c>: one element per link; an empty <paramref name="ns"/> is the root namespace.</summary>
    public static List<JsonElement> Links(string ns) => Array(Sh.Run("ip", ns.Length == 0 ? ["-d", "-j", "link", "show"] : ["-d", "-j", "-n", ns, "link", "show"], TimeSpan.FromSeconds(30)).EnsureSuccess($"ip -n {ns} link show").StdOut);

    /// <summary>The link named <paramref name="name"/>, or null.</summary>
    public static JsonElement? Link(string ns, string name)
    {
        foreach (var link in Links(ns))
        {
            if (link.GetProperty("ifname").GetString() == name)
                return link;
        }
        return null;
    }

    /// <summary><c>ip -j -n NS addr show</c>.</summary>
    public static List<JsonElement> Addresses(string ns) => Array(Sh.Run("ip", "-j", "-n", ns, "addr", "show").EnsureSuccess($"ip -n {ns} addr show").StdOut);

    /// <summary>"address/prefix" strings of a link.</summary>
    public static List<string> AddressesOf(string ns, string link)
    {
        var result = new List<string>();
        foreach (var l in Addresses(ns))
        {
            if (l.GetProperty("ifname").GetString() != link)
                continue;
            foreach (var a in l.GetProperty("addr_info").EnumerateArray())
                result.Add($"{a.GetProperty("local").GetString()}/{a.GetProperty("prefixlen").GetInt32()}");
        }
        return result;
    }

    /// <summary><c>ip -j -n NS [-6] route show [table T]</c>.</summary>
    public static List<JsonElement> Routes(string ns, bool ipv6 = false, string table = "main")
    {
        string[] args = ipv6 ? ["-6", "-j", "-n", ns, "route", "show", "table", table] : ["-j", "-n", ns, "route", "show", "table", table];
        return Array(Sh.Run("ip", args).EnsureSuccess($"ip -n {ns} route show").StdOut);
    }

    private static List<JsonElement> Array(string json)
    {
        if (string.IsNullOrWhiteSpace(json))
            return [];
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.EnumerateArray().Select(e => e.Clone()).ToList();
    }
}
