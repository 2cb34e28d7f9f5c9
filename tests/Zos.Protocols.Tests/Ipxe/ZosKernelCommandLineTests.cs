using Xunit;
using Zos.Protocols.Ipxe;

namespace Zos.Protocols.Tests.Ipxe;

public class ZosKernelCommandLineTests
{
    [Theory]
    [InlineData(new[] { "vlan:priv=10" }, new[] { "vlan:priv=10", "zos-registry=http://r", "console=ttyS0,115200" })]
    [InlineData(new[] { "zos-registry=http://farm-own" }, new[] { "zos-registry=http://farm-own", "console=ttyS0,115200" })]
    [InlineData(new[] { "console=ttyS1,9600" }, new[] { "console=ttyS1,9600", "zos-registry=http://r" })]
    public void AddMissing_KeepsWhatTheFarmNamesAndAddsTheRest(string[] farm, string[] expected)
    {
        Assert.Equal(expected, ZosKernelCommandLine.AddMissing(farm, ["zos-registry=http://r", "console=ttyS0,115200"]));
    }

    [Fact]
    public void AddMissing_SeveralAdditionsWithOneName_AllComeWhenTheFarmHasNone()
    {
        Assert.Equal(["console=tty0", "console=ttyS0,115200"], ZosKernelCommandLine.AddMissing([], ["console=tty0", "console=ttyS0,115200"]));
    }

    [Fact]
    public void Compose_Orphan_HasNoFarmerId()
    {
        Assert.Equal(["nomodeset", "version=v3", "runmode=dev", "panic=7200", "zos-debug"], ZosKernelCommandLine.Compose("dev", null, ["zos-debug"]));
    }
}
