using Xunit;

namespace Zos.Node.Tests.Public;

public class NodeConfigPublicNicTests
{
    [Theory]
    [InlineData("eth1")]
    [InlineData("zos")]
    [InlineData("enp3s0f1")]
    public void Validate_InterfaceName_Accepted(string nic)
    {
        Assert.Empty(new NodeConfig { PublicNic = nic }.Validate());
    }

    [Theory]
    [InlineData("")]
    [InlineData("eth 1")]
    [InlineData("a/b")]
    [InlineData("eth0:1")]
    [InlineData("a-name-far-too-long")]
    public void Validate_NotAnInterfaceName_RefusedNamingKeyAndValue(string nic)
    {
        Assert.Equal([$"publicNic must be an interface name of 1 to 15 characters without '/', ':' or spaces, got '{nic}'"], new NodeConfig { PublicNic = nic }.Validate());
    }
}
