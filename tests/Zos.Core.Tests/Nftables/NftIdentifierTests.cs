using Xunit;
using Zos.Core.Nftables;

namespace Zos.Core.Tests.Nftables;

/// <summary>
/// nft identifiers end where they end: "$" in a .NET pattern also matches before a final "\n", which let a name with a
/// trailing line break into an nft script (a line break there starts a new nft command).
/// </summary>
public sealed class NftIdentifierTests
{
    [Theory]
    [InlineData("input\n")]
    [InlineData("zos_input\n")]
    [InlineData("in put")]
    public void ValidateIdentifier_NotAPlainIdentifier_Throws(string name) =>
        Assert.Throws<ArgumentException>(() => NftValidation.ValidateIdentifier(name, "chain name"));

    [Fact]
    public void ValidateIdentifier_PlainIdentifier_Passes() =>
        Assert.Null(Record.Exception(() => NftValidation.ValidateIdentifier("zos_input-1", "chain name")));
}
