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

    [Fact]
    public void Parse_ProbeSchedule_ReadAndCapsBelowTheFirstRoundRefused()
    {
        var (config, problems) = NodeConfigLoader.Parse("carrierWaitSeconds: 2\nmaxCarrierWaitSeconds: 45\ndhcpProbeTries: 3\nmaxDhcpWindowSeconds: 60\n", "node.yaml");

        Assert.Empty(problems);
        Assert.Equal(new Zos.Core.Bringup.ProbeSchedule(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(45), 3, TimeSpan.FromSeconds(60)), config.ProbeSchedule);

        var (_, bad) = NodeConfigLoader.Parse("carrierWaitSeconds: 5\nmaxCarrierWaitSeconds: 2\n", "node.yaml");

        Assert.Equal(["node.yaml: maxCarrierWaitSeconds must be at least carrierWaitSeconds (5), got 2"], bad);
    }

    [Fact]
    public void Parse_UnknownKeyOrWrongShape_NamesLineKeyAndValueKeepsDefaults()
    {
        var (config, problems) = NodeConfigLoader.Parse("physicalKind: [veth]\nconnectTimeoutSeconds: soon\nphysicalKinds: veth\n", "node.yaml");

        Assert.Equal(
        [
            "node.yaml line 1: unknown setting 'physicalKind'",
            "node.yaml line 2: connectTimeoutSeconds must be a number, got 'soon'",
            "node.yaml line 3: physicalKinds must be a list, got 'veth'",
        ], problems);
        Assert.Equal(["device"], config.PhysicalKinds);
        Assert.Equal(2, config.ConnectTimeoutSeconds);
    }

    [Fact]
    public void Parse_EverySetting_IsRead()
    {
        var (config, problems) = NodeConfigLoader.Parse(
            "physicalKinds: [veth]\nconnectivityTargets: ['192.0.2.1:443']\nconnectTimeoutSeconds: 3\nheartbeatIntervalSeconds: 7\n" +
            "carrierWaitSeconds: 0.5\ndhcpProbeTries: 3\nipv6WaitSeconds: 5\nleaseWaitSeconds: 9\npublicNic: eth1\n" +
            "backoffInitialSeconds: 0.25\nbackoffMultiplier: 3\nbackoffMaxSeconds: 8\nbackoffJitter: 0.1\n", "node.yaml");

        Assert.Empty(problems);
        Assert.Equal(new NodeConfig
        {
            PhysicalKinds = config.PhysicalKinds, ConnectivityTargets = config.ConnectivityTargets,
            ConnectTimeoutSeconds = 3, HeartbeatIntervalSeconds = 7, CarrierWaitSeconds = 0.5, DhcpProbeTries = 3,
            Ipv6WaitSeconds = 5, LeaseWaitSeconds = 9, PublicNic = "eth1", BackoffInitialSeconds = 0.25,
            BackoffMultiplier = 3, BackoffMaxSeconds = 8, BackoffJitter = 0.1,
        }, config);
        Assert.Equal(["veth"], config.PhysicalKinds);
        Assert.Equal(["192.0.2.1:443"], config.ConnectivityTargets);
    }
}
