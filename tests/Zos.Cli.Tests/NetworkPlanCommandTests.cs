using System.Text.Json;
using Xunit;

namespace Zos.Cli.Tests;

public sealed class NetworkPlanCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("zos-plan-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Example => InProcessCli.Example("network-plan");

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Plan_Example_TablesWithAccessNodeAndAllocatedUserSubnet()
    {
        var (exit, output, error) = InProcessCli.Run("network", "plan", Example);
        Assert.Equal((ExitCodes.Ok, ""), (exit, error));
        Assert.Contains("access node node-a", output, StringComparison.Ordinal);
        Assert.Contains("laptop    user  10.20.6.0/24  100.64.20.6  hidden", output, StringComparison.Ordinal);
        Assert.Contains("node-a  [2001:db8:100::31]:5566  -          10.20.2.0/24, 100.64.20.2/32, 10.20.6.0/24, 100.64.20.6/32, 10.20.5.0/24, 100.64.20.5/32", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_ExampleJson_MembersWithPeers()
    {
        var (exit, output, _) = InProcessCli.Run("network", "plan", Example, "--json");
        Assert.Equal(ExitCodes.Ok, exit);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("56BZN8Jf3Nc6L", json.RootElement.GetProperty("netId").GetString());
        Assert.Equal("node-a", json.RootElement.GetProperty("accessNode").GetString());
        var members = json.RootElement.GetProperty("members").EnumerateArray().ToDictionary(m => m.GetProperty("id").GetString()!);
        Assert.Equal(["laptop", "node-a", "node-b", "node-c", "node-d"], members.Keys);
        var nodeB = members["node-b"];
        Assert.Equal("100.64.20.3", nodeB.GetProperty("wireGuardAddress").GetString());
        var toA = nodeB.GetProperty("peers")[0];
        Assert.Equal("[2001:db8:100::31]:5566", toA.GetProperty("endpoint").GetString());
        var hidden = members["node-d"].GetProperty("peers")[0];
        Assert.Equal(["10.20.0.0/16", "100.64.0.0/16"], hidden.GetProperty("allowedIps").EnumerateArray().Select(a => a.GetString()!));
        Assert.Equal(25, hidden.GetProperty("persistentKeepalive").GetInt32());
    }

    [Fact]
    public void Plan_WgQuick_LaptopConfiguration()
    {
        var (exit, output, _) = InProcessCli.Run("network", "plan", Example, "--wg-quick", "laptop");
        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains("Address = 100.64.20.6/32, fd35:3642:5a4e:6::1/128\n", output, StringComparison.Ordinal);
        Assert.Contains("AllowedIPs = 10.20.0.0/16, 100.64.0.0/16, fd35:3642:5a4e::/48\nEndpoint = 203.0.113.31:5566\nPersistentKeepalive = 25\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_WgQuickForNode_UsageError()
    {
        var (exit, _, error) = InProcessCli.Run("network", "plan", Example, "--wg-quick", "node-b");
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Equal("zos: error: --wg-quick 'node-b' is not a user-access member of network-plan.yaml\n", error);
    }

    [Fact]
    public void Plan_UnreadableField_ExitUsageNamingField()
    {
        var file = Write("bad.yaml", "owner: '1'\nname: n\nipRange: 10.20.0.0/160\nmembers: []\n");
        var (exit, output, error) = InProcessCli.Run("network", "plan", file);
        Assert.Equal((ExitCodes.Usage, ""), (exit, output));
        Assert.Equal("zos: error: bad.yaml: ipRange: '10.20.0.0/160' is not a CIDR prefix (address/length, e.g. 10.20.0.0/16)\n", error);
    }

    [Fact]
    public void Plan_MissingFile_ExitUsage()
    {
        var (exit, _, error) = InProcessCli.Run("network", "plan", Path.Combine(_dir, "absent.yaml"));
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.StartsWith($"zos: error: cannot read the network file {Path.Combine(_dir, "absent.yaml")}: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_ValidationErrors_AllListedExitInvalid()
    {
        var file = Write("invalid.json", """
            {"owner": "1", "name": "n", "ipRange": "10.20.0.0/16", "members": [
              {"id": "a", "subnet": "10.21.2.0/24", "publicKey": "short", "listenPort": 5566, "ipv4": "203.0.113.1"},
              {"id": "b", "publicKey": "Cxo6o4QypxS6L9Jz8JxsMOlLV5aPNSvnpaWE6oNVhio=", "listenPort": 9943, "ipv4": "203.0.113.2"}]}
            """);
        var (exit, output, error) = InProcessCli.Run("network", "plan", file);
        Assert.Equal((ExitCodes.Invalid, ""), (exit, output));
        Assert.Equal(
            "zos: error: invalid.json: members[0].subnet: subnet 10.21.2.0/24 is outside the ip range 10.20.0.0/16\n" +
            "zos: error: invalid.json: members[0].publicKey: public key 'short' is not base64 of 32 bytes\n" +
            "zos: error: invalid.json: members[1].listenPort: listen port 9943 is reserved on Zero-OS nodes (yggdrasil)\n",
            error);
    }

    [Fact]
    public void Plan_HiddenOnly_MeshErrorExitInvalid()
    {
        var file = Write("hidden.yaml", """
            owner: "1"
            name: n
            ipRange: 10.20.0.0/16
            members:
              - {id: h1, publicKey: Cxo6o4QypxS6L9Jz8JxsMOlLV5aPNSvnpaWE6oNVhio=, listenPort: 5000}
              - {id: h2, publicKey: h2uqbMhQGy8iWVYtIx9jQ2WgBuc5+T2kQxXGi1fHQW8=, listenPort: 5001}
            """);
        var (exit, _, error) = InProcessCli.Run("network", "plan", file);
        Assert.Equal(ExitCodes.Invalid, exit);
        Assert.Equal("zos: error: hidden.yaml: member 'h1' is hidden and needs an access node, but no node member has a public endpoint\n", error);
    }
}
