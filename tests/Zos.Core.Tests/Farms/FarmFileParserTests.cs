using Xunit;
using Zos.Core.Farms;

namespace Zos.Core.Tests.Farms;

public class FarmFileParserTests
{
    private static string[] Problems(string text) => [.. FarmFileParser.Parse(text).Errors.Select(e => e.ToString())];

    [Fact]
    public void Parse_Json_SameModelAsYaml()
    {
        const string json = """
            {
            	"name": "json-farm",
            	"id": 9,
            	"switches": [{"name": "lan"}],
            	"management": {"switch": "lan", "subnet": "192.168.7.0/24", "gateway": "192.168.7.1", "dhcp_range": {"start": "192.168.7.100", "end": "192.168.7.150"}},
            	"nodes": [{"name": "n1", "nics": [{"mac": "52:54:00:00:07:01", "switch": "lan"}]}]
            }
            """;
        var result = FarmFileParser.Parse(json);
        Assert.Empty(result.Errors);
        var farm = result.Farm!;
        Assert.Equal("json-farm", farm.Name);
        Assert.Equal(9u, farm.Id);
        Assert.Equal("192.168.7.100-192.168.7.150", farm.Management!.DhcpRange.ToString());
        Assert.Equal("52:54:00:00:07:01", farm.Nodes[0].Nics[0].Mac.ToString());
        Assert.DoesNotContain(FarmChecker.Check(farm), e => e.IsError);
    }

    [Fact]
    public void Parse_InvalidYaml_UnreadableWithLine()
    {
        var result = FarmFileParser.Parse("name: x\nnodes: [\n  - a\n");
        Assert.True(result.IsUnreadable);
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("not valid YAML or JSON: ", error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.Line);
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    [InlineData("- a\n- b\n")]
    [InlineData("just text")]
    public void Parse_NotAMapping_Unreadable(string text)
    {
        var result = FarmFileParser.Parse(text);
        Assert.True(result.IsUnreadable);
        Assert.Equal("the file is empty or not a mapping of farm fields (name, nodes, ...)", Assert.Single(result.Errors).Message);
    }

    [Fact]
    public void Parse_UnknownField_ErrorWithLineAndAlternatives() =>
        Assert.Equal(["error: nmae (line 1): unknown field 'nmae'; expected one of: name, id, description, boot, management, public, switches, router, boot_server, nodes",
            "error: name (line 1): is required"], Problems("nmae: farm\n"));

    [Fact]
    public void Parse_MalformedValues_AllReportedWithPathAndLine()
    {
        const string yaml = """
            name: farm1
            id: -4
            management:
              subnet: 10.10.0.5/24
              gateway: 10.10.0.300
              dhcp_range: 10.10.0.200-10.10.0.100
              vlan: ten
            public:
              ipv6:
                - prefix: 10.0.0.0/8
            nodes:
              - name: a
                nics:
                  - mac: 52:54:00:00:00:01
                    role: uplink
                    tagged: [1, x]
              - name: b
            """;
        Assert.Equal(
        [
            "error: id (line 2): '-4' is not a whole number from 0 to 4294967295",
            "error: management.subnet (line 4): '10.10.0.5/24' has host bits set; did you mean 10.10.0.0/24?",
            "error: management.gateway (line 5): '10.10.0.300' is not an IPv4 address",
            "error: management.dhcp_range (line 6): '10.10.0.200-10.10.0.100' is not an IPv4 address or range (e.g. 198.51.100.10 or 198.51.100.10-198.51.100.20, first not after last)",
            "error: management.vlan (line 7): 'ten' is not a whole number",
            "error: public.ipv6[0].prefix (line 10): '10.0.0.0/8' is not an IPv6 subnet (e.g. 2001:db8:100::/48)",
            "error: nodes[0].nics[0].role (line 15): 'uplink' is not a NIC role: expected management, public or unused",
            "error: nodes[0].nics[0].tagged[1] (line 16): 'x' is not a whole number",
            "error: nodes[1].nics (line 17): is required (at least one NIC with its MAC)",
        ], Problems(yaml));
    }

    [Fact]
    public void Parse_WrongShapes_Reported()
    {
        const string yaml = """
            name: [a, b]
            switches: oob
            router: yes
            nodes:
              - just-a-name
            """;
        Assert.Equal(
        [
            "error: name (line 1): expected a single value, found a list",
            "error: switches (line 2): expected a list, found 'oob'",
            "error: router (line 3): expected a mapping of fields, found 'yes'",
            "error: nodes[0] (line 5): expected a mapping of fields, found 'just-a-name'",
        ], Problems(yaml));
    }

    [Fact]
    public void Parse_DhcpRangeMapping_StartAfterEnd_Error() =>
        Assert.Contains("error: management.dhcp_range (line 5): start 10.0.0.9 is after end 10.0.0.1",
            Problems("name: farm\nmanagement:\n  subnet: 10.0.0.0/24\n  gateway: 10.0.0.254\n  dhcp_range: {start: 10.0.0.9, end: 10.0.0.1}\n"));

    [Fact]
    public void Parse_KernelArgsList_JoinedWithSpaces()
    {
        var farm = FarmFileParser.Parse("name: farm\nboot:\n  kernel_args: [console=ttyS0, zos-debug]\n").Farm!;
        Assert.Equal("console=ttyS0 zos-debug", farm.Boot.KernelArgs);
    }

    [Fact]
    public void Parse_NullValues_TreatedAsAbsent()
    {
        var result = FarmFileParser.Parse("name: farm\nid: ~\nrouter: null\npublic:\n");
        Assert.Empty(result.Errors);
        Assert.Null(result.Farm!.Id);
        Assert.Null(result.Farm.Router);
        Assert.Null(result.Farm.Public);
    }

    [Fact]
    public void LineOf_FallsBackToParent()
    {
        var result = FarmFileParser.Parse("name: farm\nnodes:\n  - name: a\n    nics: []\n");
        Assert.Equal(3, result.LineOf("nodes[0].name"));
        Assert.Equal(3, result.LineOf("nodes[0].something.deeper"));
        Assert.Null(result.LineOf("unknown"));
    }
}
