using System.Net.Http.Json;
using System.Text.Json;
using Xunit;
using Zos.Core.Contracts;
using Zos.Testing;

namespace Zos.EndToEnd;

/// <summary>
/// The README's main command for real: `zos lab up` builds the `mixed` farm (the seed's data-centre farm plus a
/// home node behind NAT) out of namespaces, with the real registry, boot server DHCP and node daemons.
/// </summary>
public sealed class LabTests
{
    private const int Port = 18480;

    [Fact]
    public async Task LabUp_Mixed_EveryNodeUpThenKilledNodeDownThenDownRestoresHost()
    {
        Require.Privileged("ip", "nft", "dnsmasq", "radvd", "unshare", "busybox", "setsid");
        var labDir = Path.Combine(Path.GetTempPath(), TestNames.New("lab"));
        var env = new Dictionary<string, string> { ["ZOS_LAB_DIR"] = labDir, ["ZOS_HOME"] = Repository.Root };
        var before = HostSnapshot.Take();
        try
        {
            var up = Zos("lab", "up", "--scenario", "mixed", "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--timeout", "150");
            Assert.True(up.ExitCode == 0, $"lab up failed ({up.ExitCode}):\n{up.StdOut}\n{up.StdErr}");
            Assert.Contains("4/4 nodes registered", up.StdOut, StringComparison.Ordinal);

            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Port}/"), Timeout = TimeSpan.FromSeconds(10) };
            var nodes = await http.GetFromJsonAsync<List<NodeView>>("api/v1/nodes", ContractJson.Options, TestContext.Current.CancellationToken);
            Assert.NotNull(nodes);
            Assert.Equal(4, nodes.Count);
            Assert.All(nodes, n => Assert.Equal(NodeStatus.Up, n.Status));
            // The dc farm's nodes got their management addresses by reservation from the boot server's DHCP.
            var zosAddresses = nodes.SelectMany(n => n.Interfaces.Where(i => i.Name == "zos").SelectMany(i => i.Addresses)).ToList();
            Assert.Contains("10.10.0.11/24", zosAddresses);
            Assert.Contains("10.10.0.13/24", zosAddresses);

            // Kill one node daemon: three missed heartbeats (5 s each in the lab) later the registry says down.
            using var state = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(labDir, "state.json"), TestContext.Current.CancellationToken));
            var home = state.RootElement.GetProperty("nodes").EnumerateArray().First(n => n.GetProperty("label").GetString() == "home-farm/home1");
            Sh.Run("kill", "-9", home.GetProperty("pid").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture));
            var homeId = nodes.Single(n => n.FarmId == 2).Id;
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            NodeStatus? homeStatus = null;
            while (DateTime.UtcNow < deadline)
            {
                var now = await http.GetFromJsonAsync<List<NodeView>>("api/v1/nodes", ContractJson.Options, TestContext.Current.CancellationToken);
                homeStatus = now!.Single(n => n.Id == homeId).Status;
                if (homeStatus == NodeStatus.Down)
                    break;
                await Task.Delay(1000, TestContext.Current.CancellationToken);
            }
            Assert.Equal(NodeStatus.Down, homeStatus);
        }
        finally
        {
            var down = Zos("lab", "down");
            Assert.True(down.ExitCode == 0, $"lab down failed: {down.StdOut}\n{down.StdErr}");
        }
        Assert.Equal(before, HostSnapshot.Take());
        Assert.False(Directory.Exists(labDir), $"lab down left {labDir}");

        ShResult Zos(params string[] args)
        {
            var script = string.Join(' ', env.Select(kv => $"{kv.Key}='{kv.Value}'")) + $" dotnet '{Repository.ZosDll}' " + string.Join(' ', args.Select(a => $"'{a}'"));
            return Sh.Run("bash", ["-c", script], TimeSpan.FromMinutes(5));
        }
    }
}
