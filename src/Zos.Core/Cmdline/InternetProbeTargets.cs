namespace Zos.Core.Cmdline;

/// <summary>
/// Where the bring-up looks for "a route to the Internet" when the command line has no zos-probe=: never the
/// registry (a registry outage is not a network fault, and a registry on the farm's LAN is not the Internet). Any
/// answer proves the route, a TCP reset included, so the targets need not serve anything on the port.
/// <list type="table">
/// <listheader><term>runmode</term><description>targets</description></listheader>
/// <item><term>dev, qa, test, prod</term><description>
/// 1.1.1.1:443, 8.8.8.8:443, 9.9.9.9:443, [2606:4700:4700::1111]:443, [2001:4860:4860::8888]:443, [2620:fe::fe]:443
/// (the anycast DNS resolvers of Cloudflare, Google and Quad9, which also serve DNS over HTTPS on 443)
/// </description></item>
/// </list>
/// The grids differ in their registry, not in what the Internet is, so every run mode gets the same list today; the
/// table is per run mode so a grid can get its own list without a change to the callers.
/// </summary>
public static class InternetProbeTargets
{
    private static readonly IReadOnlyList<ProbeTarget> s_anycastResolvers =
    [
        Parse("1.1.1.1:443"),
        Parse("8.8.8.8:443"),
        Parse("9.9.9.9:443"),
        Parse("[2606:4700:4700::1111]:443"),
        Parse("[2001:4860:4860::8888]:443"),
        Parse("[2620:fe::fe]:443"),
    ];

    public static IReadOnlyList<ProbeTarget> Default(RunMode mode) => mode switch
    {
        RunMode.Dev or RunMode.Qa or RunMode.Test or RunMode.Prod => s_anycastResolvers,
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "unknown run mode"),
    };

    private static ProbeTarget Parse(string text) =>
        ProbeTarget.TryParse(text, out var t) ? t : throw new InvalidOperationException($"built-in probe target '{text}' does not parse");
}
