using System.Net;
using Zos.Core.Naming;
using Zos.Core.Reconcile;
using Xunit;

namespace Zos.Core.Tests.Reconcile;

public sealed class WorkloadAddressingTests
{
    private static readonly NetId Id = NetId.Derive("alice", "net");
    private static readonly IPNetwork Range = IPNetwork.Parse("10.20.0.0/16");
    private static readonly IPNetwork Subnet = IPNetwork.Parse("10.20.3.0/24");

    [Fact]
    public void For_HostInSubnet_AddressesAndRoutesPerSection46()
    {
        var w = WorkloadAddressing.For(Id, Range, Subnet, IPAddress.Parse("10.20.3.2"));

        Assert.Equal("10.20.3.2/24", w.Ipv4.ToString());
        Assert.Equal(UlaAddress.Convert4to6(Id, IPAddress.Parse("10.20.3.2")) + "/64", w.Ipv6.ToString());
        Assert.Equal(IPAddress.Parse("10.20.3.1"), w.Gateway4);
        Assert.Equal(UlaAddress.Convert4to6(Id, IPAddress.Parse("10.20.3.1")), w.Gateway6);
        Assert.Equal(["10.20.0.0/16", "100.64.0.0/16"], w.RoutesViaGateway.Select(r => r.ToString()));
    }

    [Fact]
    public void For_OutsideSubnet_ErrorNamesValue()
    {
        var ex = Assert.Throws<ArgumentException>(() => WorkloadAddressing.For(Id, Range, Subnet, IPAddress.Parse("10.20.4.2")));

        Assert.StartsWith("ip 10.20.4.2 is not inside this node's subnet 10.20.3.0/24 of the network", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void For_Gateway_Refused()
    {
        var ex = Assert.Throws<ArgumentException>(() => WorkloadAddressing.For(Id, Range, Subnet, IPAddress.Parse("10.20.3.1")));

        Assert.StartsWith("ip 10.20.3.1 is reserved in 10.20.3.0/24 (network, gateway .1 or broadcast)", ex.Message, StringComparison.Ordinal);
    }
}
