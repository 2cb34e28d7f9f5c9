using Xunit;
using Zos.Lab.Topology;

namespace Zos.Lab.Tests;

public sealed class LabPlannerTests
{
    [Fact]
    public void Plan_Mixed_NamespacesForInternetRoutersSwitchesBootServerAndNodes()
    {
        var plan = LabPlanner.Plan(Scenarios.Get("mixed").Farms);

        Assert.Equal(
            ["zl-inet", "zl-dc-farm-sw", "zl-dc-farm-rt", "zl-dc-farm-boot", "zl-dc-farm-node1", "zl-dc-farm-node2", "zl-dc-farm-node3",
             "zl-home-farm-sw", "zl-home-farm-rt", "zl-home-farm-home1"],
            plan.Namespaces.Select(n => n.Name));
        Assert.Equal(["zl-inet", "zl-dc-farm-rt", "zl-home-farm-rt"], plan.ForwardingNamespaces);
        Assert.Equal(["dc-farm/node1", "dc-farm/node2", "dc-farm/node3", "home-farm/home1"], plan.Nodes.Select(n => n.Label));
        Assert.Equal("198.18.0.1/30", plan.RegistryAddress.ToString());
    }

    [Fact]
    public void Plan_Mixed_BootServerDhcpReservesManagementAddressesAndHomeRouterServesItsLan()
    {
        var plan = LabPlanner.Plan(Scenarios.Get("mixed").Farms);

        var boot = Assert.Single(plan.DhcpServers, d => d.IsBootServer);
        Assert.Equal(("zl-dc-farm-boot", "eth0", "dc-farm"), (boot.Namespace, boot.Interface, boot.Farm));
        Assert.Equal(
            ["52:54:00:10:00:01=10.10.0.11", "52:54:00:10:00:02=10.10.0.12", "52:54:00:10:00:03=10.10.0.13"],
            boot.Reservations.Select(r => $"{r.Key}={r.Value}").Order(StringComparer.Ordinal));
        Assert.Equal(("10.10.0.100", "10.10.0.199", "10.10.0.1"), (boot.RangeStart.ToString(), boot.RangeEnd.ToString(), boot.Router.ToString()));

        var home = Assert.Single(plan.DhcpServers, d => !d.IsBootServer);
        Assert.Equal(("zl-home-farm-rt", "lan", "192.168.1.0/24"), (home.Namespace, home.Interface, home.Subnet.ToString()));
        Assert.Empty(home.Reservations);
    }

    [Fact]
    public void Plan_Vlan_OneBridgePerPortBasedVlanSoNoKernelVlanSupportIsNeeded()
    {
        var plan = LabPlanner.Plan(Scenarios.Get("vlan").Farms);

        Assert.Equal(["core-v10", "core-v20"], plan.Bridges.Where(b => b.Namespace == "zl-vlan-farm-sw").Select(b => b.Name).Order(StringComparer.Ordinal));
        var ports = plan.Veths.Where(v => v.A.Namespace == "zl-vlan-farm-vnode1").ToDictionary(v => v.A.Name, v => v.B.Master);
        Assert.Equal("core-v10", ports["eth0"]);
        Assert.Equal("core-v20", ports["eth1"]);
        Assert.Equal("core-v10", plan.Veths.Single(v => v.A.Namespace == "zl-vlan-farm-boot").B.Master);
        // The router has one untagged port in each VLAN.
        Assert.Equal(["core-v10", "core-v20"],
            plan.Veths.Where(v => v.A.Namespace == "zl-vlan-farm-rt" && v.B.Namespace == "zl-vlan-farm-sw").Select(v => v.B.Master).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("mixed", null)]
    [InlineData("vlan", null)]
    [InlineData("flat", null)]
    [InlineData("dc", 200)]
    public void Plan_AnyScenario_LinkNamesFitIfnamsizAndAreUniquePerNamespace(string name, int? nodes)
    {
        var plan = LabPlanner.Plan(Scenarios.Get(name, nodes).Farms);

        var ends = plan.Veths.SelectMany(v => new[] { v.A, v.B }).Select(e => (e.Namespace, e.Name))
            .Concat(plan.Bridges.Select(b => ((string?)b.Namespace, b.Name))).ToList();
        // IFNAMSIZ is 16 including the terminating NUL (include/uapi/linux/if.h).
        Assert.All(ends, e => Assert.InRange(e.Name.Length, 1, 15));
        Assert.Equal(ends.Count, ends.Distinct().Count());
        Assert.Equal(plan.Namespaces.Count, plan.Namespaces.Select(n => n.Name).Distinct(StringComparer.Ordinal).Count());
        Assert.All(plan.Namespaces, n => Assert.StartsWith(LabPlanner.Prefix, n.Name, StringComparison.Ordinal));
    }

    [Fact]
    public void Plan_Dc_InternetRoutesThePublicSubnetAndPrefixToTheFarmRouter()
    {
        var plan = LabPlanner.Plan(Scenarios.Get("dc").Farms);

        Assert.Equal(
            ["203.0.113.0/24 via 198.18.1.1", "2001:db8:100::/48 via 2001:db8:ffff::1"],
            plan.Routes.Where(r => r.Namespace == LabPlanner.InternetNamespace).Select(r => $"{r.Destination} via {r.Gateway}"));
        Assert.Equal(
            ["0.0.0.0/0 via 198.18.1.254", "::/0 via 2001:db8:ffff::fe"],
            plan.Routes.Where(r => r.Namespace == "zl-dc-farm-rt").Select(r => $"{r.Destination} via {r.Gateway}"));
    }

    [Theory]
    [InlineData("dc-farm", "dc-farm")]
    [InlineData("My_Farm 2", "my-farm-2")]
    [InlineData("-edge-", "edge")]
    public void Tag_Name_LowercaseLettersDigitsAndDashes(string name, string expected) =>
        Assert.Equal(expected, LabPlanner.Tag(name));
}
