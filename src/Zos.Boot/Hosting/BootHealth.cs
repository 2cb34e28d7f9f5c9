namespace Zos.Boot.Hosting;

/// <summary>
/// What <c>GET /healthz</c> of the boot server says: healthy when the configuration is loaded and every listener the
/// server was asked for runs (HTTP answers the probe itself), else unhealthy with the listener that does not.
/// </summary>
/// <param name="Healthy">200 when true, else 503.</param>
/// <param name="Text">One line per part, for the person reading the probe.</param>
public sealed record BootHealth(bool Healthy, string Text)
{
    /// <summary>
    /// Judges the parts: <paramref name="tftp"/> and <paramref name="dhcp"/> are where each listens, null when not
    /// running; <paramref name="tftpWanted"/> and <paramref name="dhcpWanted"/> whether the server was asked to run them.
    /// </summary>
    public static BootHealth Judge(bool configurationLoaded, int configuredNodes, bool tftpWanted, string? tftp, bool dhcpWanted, string? dhcp)
    {
        var problems = new List<string>();
        var lines = new List<string>();
        if (configurationLoaded)
            lines.Add($"configuration: {configuredNodes} node(s)");
        else
            problems.Add("configuration: not loaded (the server is starting or stopped)");
        if (tftpWanted)
        {
            if (tftp is null)
                problems.Add("tftp: not listening");
            else
                lines.Add($"tftp: listening on udp {tftp}");
        }
        if (dhcpWanted)
        {
            if (dhcp is null)
                problems.Add("dhcp: not listening");
            else
                lines.Add($"dhcp: listening on udp {dhcp}");
        }
        var healthy = problems.Count == 0;
        var text = (healthy ? "ok\n" : "unhealthy: " + string.Join("; ", problems) + "\n") + string.Concat(lines.Select(l => l + "\n"));
        return new BootHealth(healthy, text);
    }
}
