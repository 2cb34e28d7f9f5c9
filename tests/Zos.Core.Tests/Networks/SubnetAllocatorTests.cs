using System.Net;
using Xunit;
using Zos.Core.Networks;
using Zos.Core.Validation;
using static Zos.Core.Tests.Networks.TestNetworks;

namespace Zos.Core.Tests.Networks;

public class SubnetAllocatorTests
{
    [Fact]
    public void AssignMissing_NoneUsed_StartsAtTwoInIdOrder()
    {
        var result = SubnetAllocator.AssignMissing(Network(Node("c", null), Node("a", null), Node("b", null)));
        Assert.True(result.Succeeded);
        Assert.Equal(["10.20.4.0/24", "10.20.2.0/24", "10.20.3.0/24"], result.Network!.Members.Select(m => m.Subnet.ToString()));
    }

    [Fact]
    public void AssignMissing_SomeUsed_SkipsThem()
    {
        var network = Network(Node("a", null), Node("b", "10.20.2.0/24"), Node("c", "10.20.4.0/24"), User("d", null));
        var result = SubnetAllocator.AssignMissing(network);
        Assert.Equal(["10.20.3.0/24", "10.20.2.0/24", "10.20.4.0/24", "10.20.5.0/24"], result.Network!.Members.Select(m => m.Subnet.ToString()));
    }

    [Fact]
    public void AssignMissing_ShuffledInput_SameSubnetPerMember()
    {
        var members = new[] { Node("x", null), Node("y", "10.20.3.0/24"), Node("z", null), User("u", null) };
        var forward = SubnetAllocator.AssignMissing(Network(members)).Network!.Members.ToDictionary(m => m.Id, m => m.Subnet);
        var backward = SubnetAllocator.AssignMissing(Network([.. members.Reverse()])).Network!.Members.ToDictionary(m => m.Id, m => m.Subnet);
        Assert.Equal(forward, backward);
    }

    [Fact]
    public void AssignMissing_WiderUsedSubnet_SkipsEveryCoveredSlash24()
    {
        var result = SubnetAllocator.AssignMissing(Network(Node("a", "10.20.0.0/22"), Node("b", null)));
        Assert.Equal(IPNetwork.Parse("10.20.4.0/24"), result.Network!.Members[1].Subnet);
    }

    [Fact]
    public void AssignMissing_RangeFull_ErrorNamesMember()
    {
        var members = Enumerable.Range(2, 254).Select(k => Node($"n{k:D3}", $"10.20.{k}.0/24")).Append(Node("late", null)).ToArray();
        var result = SubnetAllocator.AssignMissing(Network(members));
        Assert.False(result.Succeeded);
        Assert.Equal(new ValidationError("members[254].subnet", "no free /24 left in 10.20.0.0/16 for member 'late'"), Assert.Single(result.Errors));
    }

    [Fact]
    public void AssignMissing_RangeNotSlash16_Error()
    {
        var result = SubnetAllocator.AssignMissing(Network(Node("a", null)) with { IpRange = IPNetwork.Parse("10.0.0.0/8") });
        Assert.Equal(new ValidationError("ipRange", "cannot allocate subnets in 10.0.0.0/8: the range must be an IPv4 /16"), Assert.Single(result.Errors));
    }
}
