using System.Net;
using Xunit;
using Zos.Core.Networks;
using Zos.Core.Validation;
using static Zos.Core.Tests.Networks.TestNetworks;

namespace Zos.Core.Tests.Networks;

public class NetworkValidatorTests
{
    private static ValidationError Single(UserNetwork network)
    {
        var errors = NetworkValidator.Validate(network);
        return Assert.Single(errors);
    }

    [Fact]
    public void Validate_TfgridExample_NoErrors() => Assert.Empty(NetworkValidator.Validate(TfgridExample()));

    [Fact]
    public void Validate_EmptyOwnerAndName_BothReported()
    {
        var errors = NetworkValidator.Validate(TfgridExample() with { Owner = " ", Name = "" });
        Assert.Equal(
            [new ValidationError("owner", "owner is required"), new ValidationError("name", "name is required")],
            errors);
    }

    [Fact]
    public void Validate_RangeNotSlash16_Error()
    {
        var network = Network(Node("a", "10.20.2.0/24", ipv4: "203.0.113.1")) with { IpRange = IPNetwork.Parse("10.20.0.0/17") };
        Assert.Equal(new ValidationError("ipRange", "ip range 10.20.0.0/17 is a /17; Zero-OS derives WireGuard addresses assuming a /16"), Single(network));
    }

    [Fact]
    public void Validate_RangeIpv6_Error()
    {
        var network = Network(Node("a", "10.20.2.0/24", ipv4: "203.0.113.1")) with { IpRange = IPNetwork.Parse("fd00:1::/48") };
        Assert.Equal(new ValidationError("ipRange", "ip range fd00:1::/48 is not IPv4"), Single(network));
    }

    [Fact]
    public void Validate_RangeOverlapsReserved_ReportedOnRangeOnly()
    {
        var network = Network(Node("a", "100.127.2.0/24", ipv4: "203.0.113.1")) with { IpRange = IPNetwork.Parse("100.127.0.0/16") };
        Assert.Equal(
            [
                new ValidationError("ipRange", "ip range 100.127.0.0/16 overlaps the reserved range 100.64.0.0/10"),
                new ValidationError("ipRange", "ip range 100.127.0.0/16 overlaps the reserved range 100.127.0.0/16"),
            ],
            NetworkValidator.Validate(network));
    }

    [Fact]
    public void Validate_SubnetInReservedRangeUnderOversizedRange_SubnetError()
    {
        var network = Network(Node("a", "100.64.5.0/24", ipv4: "203.0.113.1")) with { IpRange = IPNetwork.Parse("10.0.0.0/8") };
        Assert.Equal(
            [
                new ValidationError("ipRange", "ip range 10.0.0.0/8 is a /8; Zero-OS derives WireGuard addresses assuming a /16"),
                new ValidationError("members[0].subnet", "subnet 100.64.5.0/24 overlaps the reserved range 100.64.0.0/10"),
            ],
            NetworkValidator.Validate(network));
    }

    [Fact]
    public void Validate_RangeInsideSharedAddressSpace_Error()
    {
        var network = Network(Node("a", "100.65.2.0/24", ipv4: "203.0.113.1")) with { IpRange = IPNetwork.Parse("100.65.0.0/16") };
        Assert.Contains(new ValidationError("ipRange", "ip range 100.65.0.0/16 overlaps the reserved range 100.64.0.0/10"), NetworkValidator.Validate(network));
    }

    [Fact]
    public void Validate_NoNodeMember_Error()
    {
        Assert.Equal(new ValidationError("members", "a network needs at least one node member"), Single(Network(User("u", "10.20.2.0/24"))));
    }

    [Fact]
    public void Validate_SubnetMissing_Error()
    {
        Assert.Equal(new ValidationError("members[0].subnet", "member 'a' has no subnet (allocate subnets first)"),
            Single(Network(Node("a", null, ipv4: "203.0.113.1"))));
    }

    [Fact]
    public void Validate_SubnetNotSlash24_Error()
    {
        Assert.Equal(new ValidationError("members[0].subnet", "subnet 10.20.2.0/25 is a /25, expected a /24"),
            Single(Network(Node("a", "10.20.2.0/25", ipv4: "203.0.113.1"))));
    }

    [Fact]
    public void Validate_SubnetIpv6_Error()
    {
        Assert.Equal(new ValidationError("members[0].subnet", "subnet 2001:db8::/64 is not IPv4"),
            Single(Network(Node("a", "2001:db8::/64", ipv4: "203.0.113.1"))));
    }

    [Fact]
    public void Validate_SubnetOutsideRange_Error()
    {
        Assert.Equal(new ValidationError("members[0].subnet", "subnet 10.21.2.0/24 is outside the ip range 10.20.0.0/16"),
            Single(Network(Node("a", "10.21.2.0/24", ipv4: "203.0.113.1"))));
    }

    [Fact]
    public void Validate_SubnetsEqual_ErrorOnLaterMember()
    {
        var network = Network(Node("a", "10.20.2.0/24", ipv4: "203.0.113.1"), Node("b", "10.20.2.0/24", ipv4: "203.0.113.2", port: 5567));
        Assert.Equal(new ValidationError("members[1].subnet", "subnet 10.20.2.0/24 overlaps subnet 10.20.2.0/24 of member 'a' (members[0])"), Single(network));
    }

    [Fact]
    public void Validate_SubnetsNestedOutOfOrder_OverlapReportedOnce()
    {
        var network = Network(
            Node("a", "10.20.3.0/24", ipv4: "203.0.113.1"),
            Node("b", "10.20.2.0/23", ipv4: "203.0.113.2", port: 5567),
            Node("c", "10.20.4.0/24", ipv4: "203.0.113.3", port: 5568));
        Assert.Equal(
            [
                new ValidationError("members[1].subnet", "subnet 10.20.2.0/23 is a /23, expected a /24"),
                new ValidationError("members[0].subnet", "subnet 10.20.3.0/24 overlaps subnet 10.20.2.0/23 of member 'b' (members[1])"),
            ],
            NetworkValidator.Validate(network));
    }

    [Theory]
    [InlineData("not-a-key")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==")] // 31 bytes
    [InlineData("")]
    public void Validate_BadPublicKey_Error(string key)
    {
        var network = Network(Node("a", "10.20.2.0/24", ipv4: "203.0.113.1") with { PublicKey = key });
        Assert.Equal(new ValidationError("members[0].publicKey", $"public key '{key}' is not base64 of 32 bytes"), Single(network));
    }

    [Fact]
    public void Validate_DuplicatePublicKey_Error()
    {
        var network = Network(Node("a", "10.20.2.0/24", ipv4: "203.0.113.1"), Node("b", "10.20.3.0/24", ipv4: "203.0.113.2", port: 5567) with { PublicKey = KeyFor("a") });
        Assert.Equal(new ValidationError("members[1].publicKey", "public key is also used by member 'a' (members[0])"), Single(network));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(65536)]
    public void Validate_NodePortOutOfRange_Error(int port)
    {
        Assert.Equal(new ValidationError("members[0].listenPort", $"listen port {port} is out of range 1-65535"),
            Single(Network(Node("a", "10.20.2.0/24", ipv4: "203.0.113.1", port: port))));
    }

    [Fact]
    public void Validate_UserPortZero_Accepted()
    {
        Assert.Empty(NetworkValidator.Validate(Network(Node("a", "10.20.2.0/24", ipv4: "203.0.113.1"), User("u", "10.20.3.0/24"))));
    }

    [Fact]
    public void Validate_UserPortNegative_Error()
    {
        var network = Network(Node("a", "10.20.2.0/24", ipv4: "203.0.113.1"), User("u", "10.20.3.0/24") with { ListenPort = -5 });
        Assert.Equal(new ValidationError("members[1].listenPort", "listen port -5 is out of range 0-65535 (0 lets the kernel pick)"), Single(network));
    }

    [Fact]
    public void Validate_PortReservedOnNode_Error()
    {
        Assert.Equal(new ValidationError("members[0].listenPort", "listen port 9943 is reserved on Zero-OS nodes (yggdrasil)"),
            Single(Network(Node("a", "10.20.2.0/24", ipv4: "203.0.113.1", port: 9943))));
    }

    [Fact]
    public void Validate_PortUsedOnSameNodeByOtherNetwork_Error()
    {
        var other = Network(Node("a", "10.30.2.0/24", ipv4: "203.0.113.1", port: 6000)) with { Name = "other", IpRange = IPNetwork.Parse("10.30.0.0/16") };
        var network = Network(Node("a", "10.20.2.0/24", ipv4: "203.0.113.1", port: 6000));
        var errors = NetworkValidator.Validate(network, [other]);
        Assert.Equal(new ValidationError("members[0].listenPort", "listen port 6000 is already used on node 'a' by network 'other' of owner '42'"), Assert.Single(errors));
    }

    [Fact]
    public void Validate_SamePortOnDifferentNodes_Accepted()
    {
        var network = Network(Node("a", "10.20.2.0/24", ipv4: "203.0.113.1", port: 6000), Node("b", "10.20.3.0/24", ipv4: "203.0.113.2", port: 6000));
        var other = Network(Node("c", "10.30.2.0/24", ipv4: "203.0.113.3", port: 6000)) with { Name = "other" };
        Assert.Empty(NetworkValidator.Validate(network, [other]));
    }

    [Fact]
    public void Validate_DuplicateMemberId_Error()
    {
        var network = Network(Node("a", "10.20.2.0/24", ipv4: "203.0.113.1"), Node("a", "10.20.3.0/24", ipv4: "203.0.113.2", port: 5567) with { PublicKey = KeyFor("a2") });
        Assert.Equal(new ValidationError("members[1].id", "duplicate member id 'a' (also members[0])"), Single(network));
    }

    [Fact]
    public void Validate_EmptyMemberId_Error()
    {
        Assert.Equal(new ValidationError("members[0].id", "member id is required"),
            Single(Network(Node("", "10.20.2.0/24", ipv4: "203.0.113.1"))));
    }

    [Theory]
    [InlineData("10.1.2.3", null, "members[0].ipv4", "10.1.2.3 is not a public unicast address (it is in 10.0.0.0/8)")]
    [InlineData("2001:db8::1", null, "members[0].ipv4", "2001:db8::1 is not an IPv4 address")]
    [InlineData(null, "fe80::1", "members[0].ipv6", "fe80::1 is not a public unicast address (it is in fe80::/10)")]
    [InlineData(null, "fd12::1", "members[0].ipv6", "fd12::1 is not a public unicast address (it is in fc00::/7)")]
    [InlineData(null, "203.0.113.1", "members[0].ipv6", "203.0.113.1 is not an IPv6 address")]
    public void Validate_BadEndpointAddress_Error(string? ipv4, string? ipv6, string path, string message)
    {
        Assert.Equal(new ValidationError(path, message), Single(Network(Node("a", "10.20.2.0/24", ipv4, ipv6))));
    }

    [Fact]
    public void Validate_UserWithEndpoint_Warning()
    {
        var network = Network(Node("a", "10.20.2.0/24", ipv4: "203.0.113.1"), User("u", "10.20.3.0/24") with { PublicIPv4 = IPAddress.Parse("203.0.113.9") });
        var error = Single(network);
        Assert.Equal(new ValidationError("members[1]", "user-access members are clients that dial the access node; their public addresses are ignored", ValidationSeverity.Warning), error);
    }

    [Fact]
    public void Validate_NegativeVersion_Error()
    {
        Assert.Equal(new ValidationError("members[0].version", "version -1 is negative"),
            Single(Network(Node("a", "10.20.2.0/24", ipv4: "203.0.113.1") with { Version = -1 })));
    }

    [Theory]
    [InlineData("zz", "access node 'zz' is not a member")]
    [InlineData("h", "access node 'h' has no public endpoint")]
    [InlineData("u", "access node 'u' is a user-access member, not a node")]
    public void Validate_BadAccessNode_Error(string accessNode, string message)
    {
        var network = Network(Node("a", "10.20.2.0/24", ipv4: "203.0.113.1"), Node("h", "10.20.3.0/24", port: 5567), User("u", "10.20.4.0/24"))
            with { AccessNodeId = accessNode };
        Assert.Equal(new ValidationError("accessNode", message), Single(network));
    }

    [Fact]
    public void Validate_ManyProblems_AllReportedAtOnce()
    {
        var network = Network(
            Node("a", "10.21.2.0/24", ipv4: "10.0.0.1", port: 0) with { PublicKey = "x" },
            Node("a", "10.20.2.0/25", ipv4: "203.0.113.2", port: 443)) with { Name = "" };
        var paths = NetworkValidator.Validate(network).Select(e => e.Path).ToArray();
        Assert.Equal(
            ["name", "members[0].subnet", "members[0].publicKey", "members[0].listenPort", "members[0].ipv4",
             "members[1].id", "members[1].subnet", "members[1].listenPort"],
            paths);
    }
}
