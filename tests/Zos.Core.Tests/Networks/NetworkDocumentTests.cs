using System.Net;
using Xunit;
using Zos.Core.Networks;
using Zos.Core.Validation;

namespace Zos.Core.Tests.Networks;

public class NetworkDocumentTests
{
    private const string Key = "Fqk4eFlORndmF/Q3Jy3JeNzqgltFUrRx3LBG1vDQdww=";

    [Fact]
    public void Parse_Yaml_AllFields()
    {
        var result = NetworkDocument.Parse($"""
            owner: "42"
            name: mynet
            ipRange: 10.20.0.0/16
            accessNode: a
            members:
              - id: a
                subnet: 10.20.2.0/24
                publicKey: {Key}
                listenPort: 5566
                ipv4: 203.0.113.1
                ipv6: 2001:db8::1
                version: 3
              - id: u
                kind: user
                publicKey: {Key}
            """);
        Assert.Empty(result.Errors);
        var network = result.Network!;
        Assert.Equal(("42", "mynet", IPNetwork.Parse("10.20.0.0/16"), "a"), (network.Owner, network.Name, network.IpRange, network.AccessNodeId));
        var a = network.Members[0];
        Assert.Equal(("a", NetworkMemberKind.Node, IPNetwork.Parse("10.20.2.0/24"), 5566, IPAddress.Parse("203.0.113.1"), IPAddress.Parse("2001:db8::1"), 3L),
            (a.Id, a.Kind, a.Subnet!.Value, a.ListenPort, a.PublicIPv4, a.PublicIPv6, a.Version));
        Assert.Equal((NetworkMemberKind.UserAccess, (IPNetwork?)null), (network.Members[1].Kind, network.Members[1].Subnet));
    }

    [Fact]
    public void Parse_Json_SameAsYaml()
    {
        var result = NetworkDocument.Parse($$"""
            {"owner": "42", "name": "mynet", "ipRange": "10.20.0.0/16",
             "members": [{"id": "a", "publicKey": "{{Key}}", "listenPort": 5566, "ipv6": "2001:db8::1"}]}
            """);
        Assert.Empty(result.Errors);
        Assert.Equal(IPAddress.Parse("2001:db8::1"), Assert.Single(result.Network!.Members).PublicIPv6);
    }

    [Fact]
    public void Parse_BadFields_AllReportedWithPathAndValue()
    {
        var result = NetworkDocument.Parse($"""
            owner: "42"
            ipRange: 10.20.0.0/33
            colour: blue
            members:
              - id: a
                kind: router
                subnet: 10.20.2.1/24
                publicKey: {Key}
                listenPort: many
                ipv4: 10.1
                ipv6: 203.0.113.1
              - just-a-string
            """);
        Assert.Equal(
            [
                new ValidationError("colour", "unknown field 'colour' (expected one of: owner, name, ipRange, accessNode, members)"),
                new ValidationError("name", "name is required"),
                new ValidationError("ipRange", "'10.20.0.0/33' is not a CIDR prefix (address/length, e.g. 10.20.0.0/16)"),
                new ValidationError("members[0].kind", "kind 'router' is neither 'node' nor 'user'"),
                new ValidationError("members[0].subnet", "'10.20.2.1/24' has host bits set (did you mean 10.20.2.0/24?)"),
                new ValidationError("members[0].listenPort", "'many' is not an integer"),
                new ValidationError("members[0].ipv4", "'10.1' is not an IPv4 address"),
                new ValidationError("members[0].ipv6", "'203.0.113.1' is not an IPv6 address"),
                new ValidationError("members[1]", "a member must be a mapping with id, publicKey and listenPort"),
            ],
            result.Errors);
        Assert.Null(result.Network);
    }

    [Fact]
    public void Parse_MissingRequired_Errors()
    {
        var result = NetworkDocument.Parse("name: n\nmembers:\n  - listenPort: 1\n");
        Assert.Equal(
            [
                new ValidationError("owner", "owner is required"),
                new ValidationError("ipRange", "ipRange is required"),
                new ValidationError("members[0].id", "id is required"),
                new ValidationError("members[0].publicKey", "publicKey is required"),
            ],
            result.Errors);
    }

    [Fact]
    public void Parse_ListWhereValueExpected_Error()
    {
        var result = NetworkDocument.Parse("owner: [1, 2]\nname: n\nipRange: 10.20.0.0/16\nmembers: {}\n");
        Assert.Equal(
            [new ValidationError("owner", "owner must be a single value, not a list"), new ValidationError("members", "members must be a list")],
            result.Errors);
    }

    [Fact]
    public void Parse_SyntaxError_LineAndColumn()
    {
        var error = Assert.Single(NetworkDocument.Parse("owner: \"42\nname: x\n").Errors);
        Assert.Equal("", error.Path);
        Assert.StartsWith("not valid YAML or JSON at line ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("- a\n- b\n")]
    public void Parse_NotAMapping_Error(string text)
    {
        Assert.Equal(new ValidationError("", "the document must be a mapping with owner, name, ipRange and members"), Assert.Single(NetworkDocument.Parse(text).Errors));
    }
}
