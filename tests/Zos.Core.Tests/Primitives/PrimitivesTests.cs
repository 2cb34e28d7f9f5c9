using System.Net;
using Xunit;
using Zos.Core.Naming;
using Zos.Core.Primitives;

namespace Zos.Core.Tests.Primitives;

public class PrimitivesTests
{
    [Fact]
    public void NetId_Derive_MatchesReferenceVector()
    {
        // zos-networking.md §4.2: twin 42, name "mynet".
        var id = NetId.Derive("42", "mynet");
        Assert.Equal("56BZN8Jf3Nc6L", id.Value);
        Assert.Equal("n-56BZN8Jf3Nc6L", id.NamespaceName);
        Assert.Equal("w-56BZN8Jf3Nc6L", id.WireGuardName);
        Assert.True(id.BridgeName.Length <= 15);
    }

    [Theory]
    [InlineData(new byte[] { }, "")]
    [InlineData(new byte[] { 0, 0, 1 }, "112")]
    [InlineData(new byte[] { 0x61 }, "2g")]
    [InlineData(new byte[] { 0x62, 0x62, 0x62 }, "a3gV")]
    public void Base58_Encode_KnownVectors(byte[] input, string expected)
    {
        Assert.Equal(expected, Base58.Encode(input));
        Assert.True(Base58.TryDecode(expected, out var back));
        Assert.Equal(input, back);
    }

    [Fact]
    public void Base58_TryDecode_RejectsCharactersOutsideAlphabet() => Assert.False(Base58.TryDecode("0OIl", out _));

    [Theory]
    [InlineData("52:54:00:ab:cd:ef")]
    [InlineData("52-54-00-ab-cd-ef")]
    [InlineData("525400abcdef")]
    [InlineData("5254.00ab.cdef")]
    [InlineData(" 52:54:00:ab:cd:ef ")]
    [InlineData("52:54:00:AB:CD:EF")]
    public void MacAddress_Parse_AcceptsCommonSpellings(string text) =>
        Assert.Equal("52:54:00:ab:cd:ef", MacAddress.Parse(text).ToString());

    [Theory]
    [InlineData("")]
    [InlineData("52:54:00:12:34")]
    [InlineData("52:54:00:12:34:56:78")]
    [InlineData("52:54-00:12:34:56")]
    [InlineData("5:254:00:12:34:56")]
    [InlineData("zz:54:00:12:34:56")]
    [InlineData("52:54:00:12:34:")]
    public void MacAddress_TryParse_RejectsMalformed(string text) => Assert.False(MacAddress.TryParse(text, out _));

    [Fact]
    public void MacAddress_Parse_ErrorNamesTheValue()
    {
        var e = Assert.Throws<FormatException>(() => MacAddress.Parse("nope"));
        Assert.Equal("'nope' is not a MAC address (expected six hex bytes, e.g. 52:54:00:12:34:56)", e.Message);
    }

    [Fact]
    public void MacAddress_Bits()
    {
        Assert.True(MacAddress.Parse("01:00:5e:00:00:01").IsMulticast);
        Assert.True(MacAddress.Parse("02:00:00:00:00:01").IsLocallyAdministered);
        Assert.Equal("525400123456", MacAddress.Parse("52:54:00:12:34:56").ToHexRaw());
    }

    [Fact]
    public void WireGuardAddress_ForSubnet_UsesSecondAndThirdOctet() =>
        Assert.Equal(IPAddress.Parse("100.64.20.3"), WireGuardAddress.ForSubnet(IPNetwork.Parse("10.20.3.0/24")));
}
