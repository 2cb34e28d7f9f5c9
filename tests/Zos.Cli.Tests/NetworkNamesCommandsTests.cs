using System.Text.Json;
using Xunit;

namespace Zos.Cli.Tests;

public class NetworkNamesCommandsTests
{
    [Fact]
    public void NetworkNames_ReferenceNetwork_PrintsNames()
    {
        var r = InProcessCli.Run("network", "names", "--owner", "42", "--name", "mynet");
        Assert.Equal(ExitCodes.Ok, r.ExitCode);
        Assert.Equal(
            "network:           mynet (owner 42)\n" +
            "NetID:             56BZN8Jf3Nc6L\n" +
            "namespace:         n-56BZN8Jf3Nc6L\n" +
            "bridge:            b-56BZN8Jf3Nc6L\n" +
            "wireguard:         w-56BZN8Jf3Nc6L (inside n-56BZN8Jf3Nc6L)\n" +
            "gateway link:      n-56BZN8Jf3Nc6L (macvlan on b-56BZN8Jf3Nc6L, inside n-56BZN8Jf3Nc6L)\n" +
            "mycelium bridge:   m-56BZN8Jf3Nc6L\n" +
            "ULA prefixes:      fd35:3642:5a4e:<third octet, hex>::/64\n", r.Out);
    }

    [Fact]
    public void NetworkNames_WithSubnet_PrintsMemberAddresses()
    {
        var r = InProcessCli.Run("network", "names", "--owner", "42", "--name", "mynet", "--subnet", "10.20.3.0/24");
        Assert.Equal(ExitCodes.Ok, r.ExitCode);
        Assert.EndsWith(
            "subnet:            10.20.3.0/24\n" +
            "gateway IPv4:      10.20.3.1/24\n" +
            "gateway IPv6:      fd35:3642:5a4e:3::1/64\n" +
            "ULA prefix:        fd35:3642:5a4e:3::/64\n" +
            "wireguard address: 100.64.20.3/16\n", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void NetworkNames_Json_Parses()
    {
        var r = InProcessCli.Run("network", "names", "--owner", "42", "--name", "mynet", "--subnet", "10.20.3.0/24", "--json");
        Assert.Equal(ExitCodes.Ok, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        var root = doc.RootElement;
        Assert.Equal("56BZN8Jf3Nc6L", root.GetProperty("netId").GetString());
        Assert.Equal("n-56BZN8Jf3Nc6L", root.GetProperty("namespace").GetString());
        Assert.Equal("w-56BZN8Jf3Nc6L", root.GetProperty("wireguard").GetString());
        Assert.Equal("100.64.20.3/16", root.GetProperty("subnet").GetProperty("wireguardAddress").GetString());
        Assert.Equal("fd35:3642:5a4e:3::1/64", root.GetProperty("subnet").GetProperty("gateway6").GetString());
    }

    [Theory]
    [InlineData("10.20.3.5/24")]
    [InlineData("2001:db8::/64")]
    [InlineData("nonsense")]
    public void NetworkNames_BadSubnet_ExitTwo(string subnet)
    {
        var r = InProcessCli.Run("network", "names", "--owner", "42", "--name", "mynet", "--subnet", subnet);
        Assert.Equal(ExitCodes.Usage, r.ExitCode);
        Assert.Equal($"zos: error: --subnet '{subnet}' is not an IPv4 subnet (e.g. 10.20.3.0/24)\n", r.Err);
    }

    [Fact]
    public void NetworkNames_MissingOwner_UsageError()
    {
        var r = InProcessCli.Run("network", "names", "--name", "mynet");
        Assert.NotEqual(ExitCodes.Ok, r.ExitCode);
        Assert.Contains("--owner", r.Err, StringComparison.Ordinal);
    }
}
