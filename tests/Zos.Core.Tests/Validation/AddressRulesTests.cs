using System.Net;
using System.Net.Sockets;
using Xunit;
using Zos.Core.Validation;

namespace Zos.Core.Tests.Validation;

/// <summary>The shared address rules (<see cref="AddressRules"/>, <see cref="KernelArgumentRules"/>) as tables: what passes, and what each refusal says.</summary>
public class AddressRulesTests
{
    private static readonly PublicAddressOptions Strict = PublicAddressOptions.Strict;
    private static readonly PublicAddressOptions Lab = PublicAddressOptions.Strict with { AllowDocumentationRanges = true };

    private static string[] Errors(List<ValidationError> list) => [.. list.Where(e => e.IsError).Select(e => $"{e.Path}: {e.Message}")];

    private static string[] FarmIpv4(string ip, string gateway, PublicAddressOptions options)
    {
        var errors = new List<ValidationError>();
        AddressRules.FarmIpv4(ip, gateway, "ip", "gateway", options, errors);
        return Errors(errors);
    }

    [Theory]
    [InlineData("185.69.166.121/24", "185.69.166.1")]
    [InlineData("185.69.0.10/16", "185.69.0.1")]
    [InlineData("185.69.166.121/31", "185.69.166.120")]
    public void FarmIpv4_GlobalUnicastSubnet_Accepted(string ip, string gateway) => Assert.Empty(FarmIpv4(ip, gateway, Strict));

    [Theory]
    [InlineData("8.8.8.8/1", "8.8.8.1", "ip: 0.0.0.0/1 is a /1; a farm's public IPv4 subnet is a /16 to a /31")]
    [InlineData("185.69.166.121/15", "185.69.166.1", "ip: 185.68.0.0/15 is a /15; a farm's public IPv4 subnet is a /16 to a /31")]
    [InlineData("185.69.166.121/32", "185.69.166.1", "ip: 185.69.166.121/32 is a /32; a farm's public IPv4 subnet is a /16 to a /31")]
    [InlineData("10.1.2.3/24", "10.1.2.1", "ip: 10.1.2.3 is private (RFC 1918); a public address is required")]
    [InlineData("100.64.1.5/24", "100.64.1.1", "ip: 100.64.1.5 is in the shared address space 100.64.0.0/10 (RFC 6598); a public address is required")]
    [InlineData("169.254.1.5/24", "169.254.1.1", "ip: 169.254.1.5 is link-local; a public address is required")]
    [InlineData("224.1.1.5/24", "224.1.1.1", "ip: 224.1.1.5 is multicast; a unicast address is required")]
    [InlineData("240.1.1.5/24", "240.1.1.1", "ip: 240.1.1.5 is reserved (240.0.0.0/4 or broadcast); a unicast address is required")]
    [InlineData("198.18.0.5/24", "198.18.0.1", "ip: 198.18.0.5 is a benchmarking address (RFC 2544/5180); a public address is required")]
    [InlineData("198.51.0.10/16", "198.51.0.1", "ip: 198.51.0.0/16 holds 198.51.100.0/24 (a documentation address (RFC 5737)); a farm's public space is global unicast only")]
    [InlineData("192.88.99.10/24", "192.88.99.1", "ip: 192.88.99.0/24 overlaps 192.88.99.0/24, the deprecated 6to4 relay anycast block (RFC 7526); a farm's public space is global unicast only")]
    public void FarmIpv4_NotGlobalUnicast_RefusedNamingWhy(string ip, string gateway, string expected) =>
        Assert.Contains(expected, FarmIpv4(ip, gateway, Lab));

    [Fact]
    public void FarmIpv4_DocumentationRange_OnlyWithTheLabOption()
    {
        Assert.Equal(["ip: 203.0.113.10 is a documentation address (RFC 5737); a public address is required",
            "gateway: 203.0.113.1 is a documentation address (RFC 5737); a public address is required"], FarmIpv4("203.0.113.10/24", "203.0.113.1", Strict));
        Assert.Empty(FarmIpv4("203.0.113.10/24", "203.0.113.1", Lab));
    }

    [Theory]
    [InlineData("185.69.166.121/24 ", "ip: '185.69.166.121/24 ' contains whitespace or a control character; write the address alone, e.g. '185.69.166.121/24'")]
    [InlineData(" 185.69.166.121/24", "ip: ' 185.69.166.121/24' contains whitespace or a control character; write the address alone, e.g. '185.69.166.121/24'")]
    [InlineData("185.69.166.121/24\n", "ip: '185.69.166.121/24\\n' contains whitespace or a control character; write the address alone, e.g. '185.69.166.121/24'")]
    [InlineData("185.69.166.121/024", "ip: '185.69.166.121/024' writes the prefix length with a leading zero; write /24")]
    [InlineData("185.69.166.121/", "ip: '185.69.166.121/' is not an IPv4 address with a prefix length (e.g. 198.51.100.10/24)")]
    [InlineData("185.69.166.0121/24", "ip: '185.69.166.0121/24' is not an IPv4 address with a prefix length (e.g. 198.51.100.10/24)")]
    public void FarmIpv4_OtherSpelling_RefusedShowingTheValue(string ip, string expected) =>
        Assert.Equal([expected], FarmIpv4(ip, "185.69.166.1", Strict));

    [Theory]
    [InlineData("2a02:1802:5e::/48", "2a02:1802:5e::/48")]
    [InlineData("2A02:1802:005E:0000::/64", "2a02:1802:5e::/64")]
    public void FarmIpv6Prefix_GlobalUnicast_AcceptedInCanonicalForm(string text, string canonical)
    {
        var errors = new List<ValidationError>();
        var prefix = AddressRules.FarmIpv6Prefix(text, "p", Strict, errors);
        Assert.Empty(errors);
        Assert.Equal(canonical, AddressRules.Canonical(prefix!.Value));
    }

    [Theory]
    [InlineData("::/0", "p: ::/0 is shorter than /48; a farm registers a /48 to a /64")]
    [InlineData("2a02:1802::/32", "p: 2a02:1802::/32 is shorter than /48; a farm registers a /48 to a /64")]
    [InlineData("2a02:1802:5e::/96", "p: 2a02:1802:5e::/96 is longer than /64; nodes need at least a /64 for SLAAC")]
    [InlineData("2a02:1802:5e::1/64", "p: '2a02:1802:5e::1/64' has host bits set; the prefix is 2a02:1802:5e::/64")]
    [InlineData("fe80::/64", "p: fe80::/64 is link-local, outside global unicast 2000::/3; a farm's IPv6 prefix is global unicast")]
    [InlineData("ff02::/48", "p: ff02::/48 is multicast, outside global unicast 2000::/3; a farm's IPv6 prefix is global unicast")]
    [InlineData("fd12:3456::/48", "p: fd12:3456::/48 is a unique local address (RFC 4193, fc00::/7), outside global unicast 2000::/3; a farm's IPv6 prefix is global unicast")]
    [InlineData("2001:db8:1::/48", "p: 2001:db8:1::/48 is a documentation address (RFC 3849/9637); a public subnet is required")]
    [InlineData("2001:2::/48", "p: 2001:2::/48 is a benchmarking address (RFC 2544/5180); a public subnet is required")]
    [InlineData("2002:c000:204::/48", "p: 2002:c000:204::/48 overlaps 2002::/16, 6to4 (RFC 3056); a farm's public space is global unicast only")]
    [InlineData("10.0.0.0/8", "p: '10.0.0.0/8' is not an IPv6 prefix (e.g. 2001:db8:1::/48)")]
    public void FarmIpv6Prefix_NotAFarmPrefix_Refused(string text, string expected)
    {
        var errors = new List<ValidationError>();
        AddressRules.FarmIpv6Prefix(text, "p", Strict, errors);
        Assert.Equal([expected], Errors(errors));
    }

    [Fact]
    public void FarmIpv6Prefix_DocumentationWithLabOption_WarningOnly()
    {
        var errors = new List<ValidationError>();
        Assert.NotNull(AddressRules.FarmIpv6Prefix("2001:db8:1::/48", "p", Lab, errors));
        Assert.All(errors, e => Assert.False(e.IsError));
        Assert.Single(errors);
    }

    [Theory]
    [InlineData("10.20.0.0/16")]
    [InlineData("172.16.0.0/16")]
    [InlineData("172.31.0.0/16")]
    [InlineData("192.168.0.0/16")]
    public void UserNetworkRange_Rfc1918_Accepted(string range)
    {
        var errors = new List<ValidationError>();
        Assert.Equal(IPNetwork.Parse(range), AddressRules.UserNetworkRange(range, "range", errors));
        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("127.0.0.0/16", "range: 127.0.0.0/16 is a loopback address; a user network range is private (RFC 1918: 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16)")]
    [InlineData("224.0.0.0/16", "range: 224.0.0.0/16 is multicast; a user network range is private (RFC 1918: 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16)")]
    [InlineData("0.0.0.0/16", "range: 0.0.0.0/16 is an unspecified address; a user network range is private (RFC 1918: 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16)")]
    [InlineData("185.69.0.0/16", "range: 185.69.0.0/16 is public; a user network range is private (RFC 1918: 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16)")]
    [InlineData("100.64.0.0/16", "range: 100.64.0.0/16 is in the shared address space 100.64.0.0/10 (RFC 6598); a user network range is private (RFC 1918: 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16), not 100.64.0.0/10, which holds the WireGuard (100.64.0.0/16) and ndmz (100.127.0.0/16) addresses")]
    [InlineData("10.20.0.0/24", "range: '10.20.0.0/24' must be an IPv4 /16 (e.g. 10.20.0.0/16): members get its /24s")]
    [InlineData("10.20.1.0/16", "range: '10.20.1.0/16' has host bits set; the range is 10.20.0.0/16")]
    [InlineData("10.20.0.0/16\n", "range: '10.20.0.0/16\\n' contains whitespace or a control character; write the address alone, e.g. '10.20.0.0/16'")]
    public void UserNetworkRange_NotAPrivate16_Refused(string range, string expected)
    {
        var errors = new List<ValidationError>();
        Assert.Null(AddressRules.UserNetworkRange(range, "range", errors));
        Assert.Equal([expected], Errors(errors));
    }

    [Theory]
    [InlineData("vlan:priv=9999", "k: vlan:priv=9999 is not a VLAN id: expected 1 to 4094, or none/untagged/un for no VLAN")]
    [InlineData("farmer_id=abc", "k: farmer_id=abc is not a farm id: expected a whole number from 1 to 4294967295; the node comes up as an orphan")]
    [InlineData("console=ttyS0\nvlan:priv=10", "k: 'console=ttyS0 vlan:priv=10' contains a control character; kernel arguments are one line")]
    public void KernelArguments_ValueTheNodeWouldReject_Refused(string args, string expected)
    {
        var errors = new List<ValidationError>();
        KernelArgumentRules.Check(args, "k", errors);
        Assert.Equal([expected], Errors(errors));
    }

    [Fact]
    public void KernelArguments_WellFormed_Accepted()
    {
        var errors = new List<ValidationError>();
        KernelArgumentRules.Check("console=ttyS0 vlan:priv=10 vlan:pub=untagged farmer_id=7 runmode=dev", "k", errors);
        Assert.Empty(errors);
    }

    [Fact]
    public void ParseAddress_WrongFamily_Refused()
    {
        var errors = new List<ValidationError>();
        Assert.Null(AddressRules.ParseAddress("2001:db8::1", AddressFamily.InterNetwork, "gw", errors));
        Assert.Equal(["gw: '2001:db8::1' is not an IPv4 address"], Errors(errors));
    }
}
