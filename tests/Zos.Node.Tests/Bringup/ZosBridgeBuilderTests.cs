using Xunit;
using Zos.Core.Primitives;
using Zos.Node.Bringup;

namespace Zos.Node.Tests.Bringup;

public class ZosBridgeBuilderTests
{
    private static readonly MacAddress s_mac = MacAddress.Parse("02:00:00:00:00:01");

    [Fact]
    public void Attach_NoVlan_BridgeWithoutFilteringNicMacIpv6OnZosOnly()
    {
        var links = new RecordingLinkControl();

        ZosBridgeBuilder.Attach(links, "eth0", s_mac, null, null);

        Assert.Equal(
        [
            "ip link add zos type bridge vlan_filtering 0",
            "sysctl net/ipv6/conf/zos/disable_ipv6=0",
            "ip link set zos address 02:00:00:00:00:01",
            "ip link set eth0 master zos",
            "sysctl net/ipv6/conf/eth0/disable_ipv6=1",
            "ip link set eth0 up",
            "ip link set zos up",
        ], links.Commands);
    }

    [Fact]
    public void Attach_PrivateVlan_MembershipAsReferenceSections16And137()
    {
        var links = new RecordingLinkControl();

        ZosBridgeBuilder.Attach(links, "eth0", s_mac, privateVlan: 100, publicVlan: null);

        Assert.Equal("ip link add zos type bridge vlan_filtering 1", links.Commands[0]);
        Assert.Equal(
        [
            "bridge vlan del vid 1 dev zos self",
            "bridge vlan add vid 100 dev zos pvid untagged self",
            "bridge vlan add vid 100 dev eth0",
        ], links.Commands.Where(c => c.StartsWith("bridge", StringComparison.Ordinal)));
    }

    [Fact]
    public void Attach_PrivateAndPublicVlan_Vid1RemovedFromNicBothTagged()
    {
        var links = new RecordingLinkControl();

        ZosBridgeBuilder.Attach(links, "eth0", s_mac, privateVlan: 100, publicVlan: 200);

        Assert.Equal(
        [
            "bridge vlan del vid 1 dev zos self",
            "bridge vlan add vid 100 dev zos pvid untagged self",
            "bridge vlan del vid 1 dev eth0",
            "bridge vlan add vid 100 dev eth0",
            "bridge vlan add vid 200 dev eth0",
        ], links.Commands.Where(c => c.StartsWith("bridge", StringComparison.Ordinal)));
    }

    [Fact]
    public void Attach_PublicVlanAlone_FilteringOnAndPublicTagged()
    {
        var links = new RecordingLinkControl();

        ZosBridgeBuilder.Attach(links, "eth0", s_mac, privateVlan: null, publicVlan: 200);

        Assert.Contains("ip link add zos type bridge vlan_filtering 1", links.Commands);
        Assert.Equal(["bridge vlan add vid 200 dev eth0"], links.Commands.Where(c => c.StartsWith("bridge", StringComparison.Ordinal)));
    }

    [Fact]
    public void Attach_ForwardingOn_AcceptRa2OnZos()
    {
        var links = new RecordingLinkControl();
        links.Sysctls["net/ipv6/conf/all/forwarding"] = "1";

        ZosBridgeBuilder.Attach(links, "eth0", s_mac, null, null);

        Assert.Equal("2", links.Sysctls["net/ipv6/conf/zos/accept_ra"]);
    }

    [Fact]
    public void Detach_AfterLeaseAndSlaac_NicReleasedZosForgetsTheSegment()
    {
        var links = new RecordingLinkControl();
        links.Addresses["zos"] = [new LinkAddress(System.Net.IPAddress.Parse("10.61.0.23"), 24), new LinkAddress(System.Net.IPAddress.Parse("2001:db8:61::5"), 64)];

        ZosBridgeBuilder.Detach(links, "eth0");

        Assert.Equal(
        [
            "ip link set eth0 nomaster",
            "sysctl net/ipv6/conf/eth0/disable_ipv6=0",
            "ip addr del 10.61.0.23/24 dev zos",
            "ip route del default dev zos",
            "sysctl net/ipv6/conf/zos/disable_ipv6=1",
            "sysctl net/ipv6/conf/zos/disable_ipv6=0",
        ], links.Commands);
    }
}
