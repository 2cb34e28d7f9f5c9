namespace Zos.Testing.Farm;

/// <summary>
/// The cable every test farm has between its "internet" namespace and its router: isp (198.51.100.1/24,
/// 2001:db8:ffff::1/64) to wan (.2 / ::2), the router forwarding both families and masquerading what leaves
/// through it when <c>natMatch</c> matches, and the internet reaching all of 2001:db8::/32 through the router.
/// </summary>
public static class InternetLink
{
    public const string Internet4 = "198.51.100.1";
    public const string Internet6 = "2001:db8:ffff::1";
    public const string Router4 = "198.51.100.2";
    public const string Router6 = "2001:db8:ffff::2";

    /// <param name="natMatch">The nft match of the router's masquerade rule, e.g. <c>oifname "wan"</c>.</param>
    public static void Connect(string internet, string router, string natMatch)
    {
        Ip("link", "add", "isp", "netns", internet, "type", "veth", "peer", "name", "wan", "netns", router);
        Ip("-n", internet, "link", "set", "isp", "up");
        Ip("-n", router, "link", "set", "wan", "up");
        Ip("-n", internet, "addr", "add", $"{Internet4}/24", "dev", "isp");
        Ip("-n", internet, "addr", "add", $"{Internet6}/64", "dev", "isp", "nodad");
        Ip("-n", router, "addr", "add", $"{Router4}/24", "dev", "wan");
        Ip("-n", router, "addr", "add", $"{Router6}/64", "dev", "wan", "nodad");
        Ip("-n", internet, "-6", "route", "add", "2001:db8::/32", "via", Router6);
        foreach (var sysctl in new[] { "net.ipv4.ip_forward=1", "net.ipv6.conf.all.forwarding=1" })
            Sh.Run("ip", ["netns", "exec", router, "sysctl", "-qw", sysctl], TimeSpan.FromSeconds(30)).EnsureSuccess($"sysctl {sysctl} in {router}");
        Sh.Run("ip", ["netns", "exec", router, "nft", "-f", "-"], TimeSpan.FromSeconds(30),
                $"table ip nat {{\n chain post {{\n  type nat hook postrouting priority 100;\n  {natMatch} masquerade\n }}\n}}\n")
            .EnsureSuccess("nft NAT in the router namespace");
    }

    private static void Ip(params string[] args) => Sh.Run("ip", args).EnsureSuccess($"ip {string.Join(' ', args)}");
}
