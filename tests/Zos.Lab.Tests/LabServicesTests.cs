using Xunit;
using Zos.Boot.Configuration;
using Zos.Lab.Runtime;
using Zos.Lab.Topology;

namespace Zos.Lab.Tests;

public sealed class LabServicesTests
{
    [Fact]
    public void BootConfig_DcFarm_ReadByTheBootServerWithTheReservationsArgsAndDhcpSubnet()
    {
        var farm = Scenarios.Get("dc").Farms[0];
        var dhcp = LabPlanner.Plan([farm]).DhcpServers.Single(d => d.IsBootServer);

        var config = BootConfigurationParser.Parse(LabServices.BootConfig(farm, 7, dhcp), "boot.yaml");

        Assert.Equal(7u, config.FarmId);
        Assert.Equal("dev", config.Profile.Runmode);
        Assert.Equal(UnknownMacPolicy.Ignore, config.UnknownMacs);
        Assert.Equal(
            ["52:54:00:10:00:01 node1 10.10.0.11 ", "52:54:00:10:00:02 node2 10.10.0.12 ", "52:54:00:10:00:03 node3 10.10.0.13 zos-debug"],
            config.Nodes.Select(n => $"{n.Mac} {n.Name} {n.ManagementIp} {string.Join(' ', n.Args)}"));
        Assert.NotNull(config.Dhcp);
        Assert.Equal("10.10.0.0/24", config.Dhcp.Subnet.ToString());
        Assert.Equal(("10.10.0.100", "10.10.0.199"), (config.Dhcp.PoolStart.ToString(), config.Dhcp.PoolEnd.ToString()));
        Assert.Equal("10.10.0.1", config.Dhcp.Router?.ToString());
    }

    [Fact]
    public void BootConfig_TwentyNodeFarm_EveryCloneReserved()
    {
        var farm = Scenarios.Get("dc", nodes: 20).Farms[0];
        var dhcp = LabPlanner.Plan([farm]).DhcpServers.Single(d => d.IsBootServer);

        var config = BootConfigurationParser.Parse(LabServices.BootConfig(farm, 1, dhcp), "boot.yaml");

        Assert.Equal(20, config.Nodes.Count);
        Assert.Equal(20, config.Nodes.Select(n => n.ManagementIp).Distinct().Count());
    }

    [Fact]
    public void KernelCommandLine_Node3_FarmerIdRunmodeFarmAndNodeArgsAndRegistry()
    {
        var plan = LabPlanner.Plan(Scenarios.Get("dc").Farms);
        var node3 = plan.Nodes.Single(n => n.Node.Name == "node3");

        var cmdline = LabServices.KernelCommandLine(node3, 4, "http://198.18.0.1:8480");

        var words = cmdline.Split(' ');
        Assert.Contains("farmer_id=4", words);
        Assert.Contains("runmode=dev", words);
        Assert.Contains("console=ttyS0", words);
        Assert.Contains("zos-debug", words);
        Assert.Equal("zos-registry=http://198.18.0.1:8480", words[^1]);
        // The route out is proven inside the lab, by the internet namespace, never by the registry or the real Internet.
        Assert.Contains("zos-probe=198.18.1.254:443,2001:db8:ffff::fe.443", words);
        var parsed = Zos.Core.Cmdline.BootParametersParser.Parse(cmdline);
        Assert.Equal(["198.18.1.254:443", "[2001:db8:ffff::fe]:443"], parsed.Parameters.EffectiveProbeTargets.Select(t => t.ToString()));
    }
}
