using System.Net;
using Zos.Core.Contracts;
using Zos.Core.Primitives;
using Zos.Core.Public;
using Zos.Core.Validation;
using Xunit;

namespace Zos.Core.Tests.Public;

public class PublicSetupTests
{
    [Fact]
    public void From_DualStackConfig_AddressesAndDefaultRoutes()
    {
        var setup = PublicSetup.From(new PublicConfig(new("203.0.113.10/24", "203.0.113.1"), new("2001:db8:5::10/64", "2001:db8:5::1")), PublicAddressOptions.Lab);

        Assert.Equal([InterfaceAddress.Parse("203.0.113.10/24"), InterfaceAddress.Parse("2001:db8:5::10/64")], setup.Addresses);
        Assert.Equal([(IPNetwork.Parse("0.0.0.0/0"), IPAddress.Parse("203.0.113.1")), (IPNetwork.Parse("::/0"), IPAddress.Parse("2001:db8:5::1"))], setup.DefaultRoutes);
    }

    [Fact]
    public void From_GatewayOutsideSubnet_RefusedNamingFieldAndValue()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            PublicSetup.From(new PublicConfig(new("203.0.113.10/24", "198.51.100.1")), PublicAddressOptions.Lab));

        Assert.Equal("public config refused: publicConfig.gw4: gateway 198.51.100.1 is not inside 203.0.113.0/24 (the subnet of 203.0.113.10/24) (Parameter 'config')", e.Message);
    }

    [Fact]
    public void From_PrivateAddress_Refused()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            PublicSetup.From(new PublicConfig(new("10.1.2.3/24", "10.1.2.1")), PublicAddressOptions.Lab));

        Assert.StartsWith("public config refused: publicConfig.ipv4: ", e.Message, StringComparison.Ordinal);
        Assert.Contains("10.1.2.3", e.Message, StringComparison.Ordinal);
    }
}
