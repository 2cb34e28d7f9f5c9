using Xunit;

namespace Zos.Node.Tests.Bringup;

public class NodeConfigLoaderTests
{
    [Fact]
    public void Parse_Json_ReadsSettings()
    {
        var (config, problems) = NodeConfigLoader.Parse("{\"physicalKinds\":[\"veth\"],\"connectivityTargets\":[\"[2001:db8::1]:80\"],\"heartbeatIntervalSeconds\":5}", "node.json");

        Assert.Empty(problems);
        Assert.Equal(["veth"], config.PhysicalKinds);
        Assert.Equal(["[2001:db8::1]:80"], config.ConnectivityTargets);
        Assert.Equal(5, config.HeartbeatIntervalSeconds);
    }

    [Fact]
    public void Parse_Yaml_ReadsSettings()
    {
        var (config, problems) = NodeConfigLoader.Parse("physicalKinds: [veth, device]\nbackoffMaxSeconds: 4\n", "node.yaml");

        Assert.Empty(problems);
        Assert.Equal(["veth", "device"], config.PhysicalKinds);
        Assert.Equal(4, config.BackoffMaxSeconds);
    }

    [Fact]
    public void Parse_BadValues_NamesKeyAndValueKeepsDefaults()
    {
        var (config, problems) = NodeConfigLoader.Parse("{\"connectivityTargets\":[\"nohost\"],\"heartbeatIntervalSeconds\":-1}", "node.json");

        Assert.Equal(
        [
            "node.json: connectivityTargets: 'nohost' is not host:port or [ipv6]:port",
            "node.json: heartbeatIntervalSeconds must be a positive number of seconds, got -1",
        ], problems);
        Assert.Equal(["device"], config.PhysicalKinds);
    }
}
