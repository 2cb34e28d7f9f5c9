using Xunit;
using Zos.Core.Validation;

namespace Zos.Core.Tests.Validation;

public class PublicConfigRulesTests
{
    private static IReadOnlyList<ValidationError> Strict(PublicConfigInput c) => PublicConfigRules.Validate(c, PublicAddressOptions.Strict, "public_config");

    private static IReadOnlyList<ValidationError> Lab(PublicConfigInput c) => PublicConfigRules.Validate(c, PublicAddressOptions.Lab, "public_config");

    private static string[] Lines(IEnumerable<ValidationError> errors) => [.. errors.Select(e => e.ToString())];

    [Fact]
    public void Validate_PublicDualStack_NoErrors() =>
        Assert.Empty(Strict(new("185.69.166.121/24", "185.69.166.1", "2a02:1802:5e::121/64", "2a02:1802:5e::1", "gent01.grid.tf")));

    [Fact]
    public void Validate_DocumentationRanges_StrictRejects()
    {
        Assert.Equal(
        [
            "error: public_config.ipv4: 198.51.100.10 is a documentation address (RFC 5737); a public address is required",
            "error: public_config.gw4: 198.51.100.1 is a documentation address (RFC 5737); a public address is required",
        ], Lines(Strict(new("198.51.100.10/24", "198.51.100.1"))));
    }

    [Fact]
    public void Validate_DocumentationRanges_LabWarns()
    {
        var errors = Lab(new("198.51.100.10/24", "198.51.100.1", "2001:db8:1::10/64", "2001:db8:1::1"));
        Assert.All(errors, e => Assert.False(e.IsError));
        Assert.Equal(
        [
            "warning: public_config.ipv4: 198.51.100.10 is a documentation address (RFC 5737), not routable on the Internet (accepted for labs and examples only)",
            "warning: public_config.gw4: 198.51.100.1 is a documentation address (RFC 5737), not routable on the Internet (accepted for labs and examples only)",
            "warning: public_config.ipv6: 2001:db8:1::10 is a documentation address (RFC 3849/9637), not routable on the Internet (accepted for labs and examples only)",
            "warning: public_config.gw6: 2001:db8:1::1 is a documentation address (RFC 3849/9637), not routable on the Internet (accepted for labs and examples only)",
        ], Lines(errors));
    }

    [Fact]
    public void Validate_PrivateAddress_Rejected() =>
        Assert.Equal(
        [
            "error: public_config.ipv4: 192.168.1.10 is private (RFC 1918); a public address is required",
            "error: public_config.gw4: 192.168.1.1 is private (RFC 1918); a public address is required",
        ], Lines(Strict(new("192.168.1.10/24", "192.168.1.1"))));

    [Fact]
    public void Validate_GatewayOutsideSubnet_Rejected() =>
        Assert.Equal(["error: public_config.gw4: gateway 185.69.167.1 is not inside 185.69.166.0/24 (the subnet of 185.69.166.121/24)"],
            Lines(Strict(new("185.69.166.121/24", "185.69.167.1"))));

    [Fact]
    public void Validate_GatewayEqualsAddress_Rejected() =>
        Assert.Equal(["error: public_config.gw4: gateway 185.69.166.121 is the address itself (185.69.166.121/24)"],
            Lines(Strict(new("185.69.166.121/24", "185.69.166.121"))));

    [Fact]
    public void Validate_GatewayIsBroadcast_Rejected() =>
        Assert.Equal(["error: public_config.gw4: gateway 185.69.166.255 is the broadcast address of 185.69.166.0/24"],
            Lines(Strict(new("185.69.166.121/24", "185.69.166.255"))));

    [Fact]
    public void Validate_AddressIsNetworkAddress_Rejected() =>
        Assert.Equal(["error: public_config.ipv4: '185.69.166.0/24' is the network address of 185.69.166.0/24, not a host address"],
            Lines(Strict(new("185.69.166.0/24", "185.69.166.1"))));

    [Fact]
    public void Validate_PrefixZero_Rejected() =>
        Assert.Contains("error: public_config.ipv4: '185.69.166.121/0' has prefix length 0; a public subnet needs a prefix length greater than 0",
            Lines(Strict(new("185.69.166.121/0", "185.69.166.1"))));

    [Fact]
    public void Validate_Multicast_NotUnicast() =>
        Assert.Contains("error: public_config.gw4: 224.0.0.1 is multicast; a unicast address is required",
            Lines(Strict(new("185.69.166.121/24", "224.0.0.1"))));

    [Fact]
    public void Validate_MalformedValues_NameTheValue() =>
        Assert.Equal(
        [
            "error: public_config.ipv4: '185.69.166.121' is not an IPv4 address with a prefix length (e.g. 198.51.100.10/24)",
            "error: public_config.gw4: 'gw' is not an IPv4 address",
            "error: public_config.ipv6: '2a02::1/200' is not an IPv6 address with a prefix length (e.g. 2001:db8:1::10/64)",
            "error: public_config.gw6: '185.69.166.1' is not an IPv6 address",
        ], Lines(Strict(new("185.69.166.121", "gw", "2a02::1/200", "185.69.166.1"))));

    [Fact]
    public void Validate_MissingIpv4_StrictRequiresIt() =>
        Assert.Equal(
        [
            "error: public_config.ipv4: is required (an IPv4 address with its prefix length, e.g. 198.51.100.10/24)",
            "error: public_config.gw4: is required (an IPv4 address)",
        ], Lines(Strict(new(null, null, "2a02:1802:5e::121/64", "2a02:1802:5e::1"))));

    [Fact]
    public void Validate_Ipv6Only_LabAccepts() =>
        Assert.Empty(PublicConfigRules.Validate(new(null, null, "2a02:1802:5e::121/64", "2a02:1802:5e::1"), PublicAddressOptions.Lab));

    [Fact]
    public void Validate_Ipv6WithoutGateway_Rejected() =>
        Assert.Equal(["error: public_config.gw6: is required (an IPv6 address)"],
            Lines(Strict(new("185.69.166.121/24", "185.69.166.1", "2a02:1802:5e::121/64"))));

    [Fact]
    public void Validate_Empty_LabNeedsOneFamily() =>
        Assert.Equal(["error: ipv4: a public config needs IPv4 (ipv4 + gw4) or IPv6 (ipv6 + gw6)"],
            Lines(PublicConfigRules.Validate(new(null, null), PublicAddressOptions.Lab)));

    [Theory]
    [InlineData("gent01.grid.tf", null)]
    [InlineData("bad_domain.tf", "error: public_config.domain: 'bad_domain.tf' contains '_'; a domain has only letters, digits, '.' and '-'")]
    [InlineData("", "error: public_config.domain: is empty; leave it out or give a domain such as farm.example.org")]
    public void Validate_Domain(string domain, string? expected)
    {
        var errors = Lines(Strict(new("185.69.166.121/24", "185.69.166.1", Domain: domain)));
        if (expected is null)
            Assert.Empty(errors);
        else
            Assert.Equal([expected], errors);
    }

    [Fact]
    public void Validate_LongDomain_Rejected()
    {
        var domain = new string('a', 129);
        Assert.Equal([$"error: public_config.domain: '{domain}' is 129 characters long; at most 128 are allowed"],
            Lines(Strict(new("185.69.166.121/24", "185.69.166.1", Domain: domain))));
    }
}
