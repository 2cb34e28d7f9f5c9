using System.Globalization;
using System.Text.RegularExpressions;
using Zos.Node.Tests.Farm;
using Zos.Testing;
using Xunit;

namespace Zos.Node.Tests.Security;

/// <summary>
/// "The nodes are self-protecting ... no means at all to be accessed through listening processes": nmap from the farm
/// side and from the internet side finds no open TCP or UDP port on a node running a network, even with stray
/// listeners in its host namespace. The exception the reference allows (§2.6, §6.2) is each network's WireGuard UDP
/// port: it passes the firewall, and WireGuard stays silent to unauthenticated probes, so nmap sees it open|filtered.
/// </summary>
public sealed partial class PortScanTests
{
    [Fact]
    public async Task Nmap_FromFarmAndInternet_FindsNoOpenPort()
    {
        Require.Privileged("ip", "nft", "wireguard-go", "nmap", "nc");
        await using var node = SecuredNode.Create();
        var part = node.Part("scan", "10.20.0.0/16", "10.20.3.0/24");
        var deployed = await node.DeployAsync(1, part);
        var wgPort = deployed.Report.Networks.Single().ListenPort.ToString(CultureInfo.InvariantCulture);
        // Stray services a careless process could open in the host namespace.
        using var strayTcp = NamespaceListener.Listen(node.Farm.Node, 7001);
        node.Farm.Helpers.Start("ip", ["netns", "exec", node.Farm.Node, "nc", "-u", "-l", "-k", "7005"], Path.Combine(node.Farm.WorkDir, "nc-udp.out"));
        var ports = $"T:1-1024,7001,{wgPort},U:53,67,68,123,546,547,7005,{wgPort}";

        // Control: from the node's own loopback (allowed) nmap does find the stray TCP listener.
        var local = Scan(node.Farm.Node, "127.0.0.1", "T:7001");
        Assert.Contains(7001, OpenPorts(local, "tcp"));

        foreach (var (from, target) in new[] { (node.Farm.Router, SecuredNode.Zos4), (node.Farm.Internet, SecuredNode.Zos6) })
        {
            var output = Scan(from, target, ports);

            Assert.Contains("(1 host up)", output, StringComparison.Ordinal);
            Assert.Empty(OpenPorts(output, "tcp"));
            Assert.Empty(OpenPorts(output, "udp"));
            Assert.DoesNotContain($"{wgPort}/closed/udp", output, StringComparison.Ordinal);
        }
    }

    private static string Scan(string ns, string target, string ports)
    {
        var args = new List<string> { "netns", "exec", ns, "nmap", "-Pn", "-n", "-sS", "-T5", "--max-retries", "1", "--initial-rtt-timeout", "100ms", "--max-rtt-timeout", "200ms", "--host-timeout", "180s", "-p", ports, "-oG", "-" };
        if (ports.Contains("U:", StringComparison.Ordinal))
            args.Insert(7, "-sU");
        if (target.Contains(':', StringComparison.Ordinal))
            args.Add("-6");
        args.Add(target);
        var result = Sh.Run("ip", args, TimeSpan.FromSeconds(240));
        Assert.True(result.ExitCode == 0, result.StdOut + result.StdErr);
        return result.StdOut;
    }

    /// <summary>Ports nmap's grepable output reports strictly "open" (not "open|filtered").</summary>
    private static List<int> OpenPorts(string grepable, string protocol) =>
        [.. OpenPort().Matches(grepable).Where(m => m.Groups[2].Value == protocol).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))];

    [GeneratedRegex(@"(\d+)/open/(tcp|udp)/")]
    private static partial Regex OpenPort();
}
