using Xunit;
using Zos.Lab.Runtime;

namespace Zos.Lab.Tests;

public sealed class LabNetworkStatusTests
{
    [Fact]
    public void Parse_PublicNodeWithoutErrors_EndpointsAndAppliedConfig()
    {
        var status = LabNetworkStatus.Parse("""
            {"appliedVersion":10,"errors":[],"endpointHosts":["203.0.113.11","2001:db8:100::11"],
             "publicConfig":{"ipv4":{"address":"203.0.113.11/24","gateway":"203.0.113.1"}},"reportedVersion":10}
            """);

        Assert.NotNull(status);
        Assert.Null(status.Problem);
        Assert.Equal("endpoints 203.0.113.11, 2001:db8:100::11; public config applied", status.Summary);
    }

    [Fact]
    public void Parse_HiddenNodeWithError_SummaryNamesTheFirstError()
    {
        var status = LabNetworkStatus.Parse("""{"errors":["3TwXZxMGhWFok: port 3000 is taken"],"endpointHosts":[],"publicError":"ipv4: 203.0.113.300 is not an address"}""");

        Assert.NotNull(status);
        Assert.Equal("3TwXZxMGhWFok: port 3000 is taken", status.Problem);
        Assert.Equal("no endpoint (hidden); 3TwXZxMGhWFok: port 3000 is taken", status.Summary);
    }

    [Fact]
    public void Parse_OnlyPublicError_ItIsTheProblem() =>
        Assert.Equal("ipv4: gateway 203.0.113.1 does not answer", LabNetworkStatus.Parse("""{"errors":[],"publicError":"ipv4: gateway 203.0.113.1 does not answer"}""")?.Problem);

    [Theory]
    [InlineData("")]
    [InlineData("{\"errors\":[")]
    [InlineData("[1,2]")]
    public void Parse_NotAStatusObject_Null(string json) => Assert.Null(LabNetworkStatus.Parse(json));
}
