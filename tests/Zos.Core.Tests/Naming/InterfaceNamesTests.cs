using System.Reflection;
using Xunit;
using Zos.Core.Naming;

namespace Zos.Core.Tests.Naming;

public class InterfaceNamesTests
{
    [Fact]
    public void EveryNameConstant_IsAValidLinuxInterfaceName()
    {
        var names = typeof(InterfaceNames).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string) && !f.Name.EndsWith("Suffix", StringComparison.Ordinal))
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToList();
        Assert.Contains("zos", names);
        Assert.Contains("p-tozos", names);
        Assert.All(names, n => Assert.True(InterfaceNames.IsValid(n), n));
    }

    [Fact]
    public void FixedNames_MatchZeroOs()
    {
        Assert.Equal(("zos", "br-pub", "br-ndmz", "ndmz", "public"),
            (InterfaceNames.ZosBridge, InterfaceNames.PublicBridge, InterfaceNames.NdmzBridge, InterfaceNames.NdmzNamespace, InterfaceNames.PublicNamespace));
        Assert.Equal(("tonrs", "npub4", "npub6", "tozos", "p-tozos"),
            (InterfaceNames.ToNetworkResources, InterfaceNames.Npub4, InterfaceNames.Npub6, InterfaceNames.ToZos, InterfaceNames.PublicToZos));
    }

    [Theory]
    [InlineData("", false)]
    [InlineData("sixteen-chars-xx", false)]
    [InlineData("a/b", false)]
    [InlineData("a b", false)]
    [InlineData("..", false)]
    [InlineData("fifteen-chars-x", true)]
    public void IsValid_ChecksKernelRules(string name, bool expected) => Assert.Equal(expected, InterfaceNames.IsValid(name));
}
