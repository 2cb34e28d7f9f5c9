using Xunit;
using Zos.Core.Networks;

namespace Zos.Core.Tests.Networks;

public sealed class WireGuardKeyTests
{
    private const string Key = "YAnz2w3kbcS+mi1wq6hsqzYkSNOv4Eovk0zUZEk4lVo=";

    [Theory]
    [InlineData("abc")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("!AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    public void FromBase64_Invalid_ThrowsNamingTheValue(string text)
    {
        var e = Assert.Throws<FormatException>(() => WireGuardKey.FromBase64(text));
        Assert.Equal($"invalid WireGuard key '{text}': expected 44 characters of base64 encoding 32 bytes", e.Message);
    }

    [Fact]
    public void FromBase64_InvalidWithField_NamesTheField()
    {
        var e = Assert.Throws<FormatException>(() => WireGuardKey.FromBase64("short", "networks[0].privateKey"));

        Assert.Equal("invalid WireGuard key 'short' in networks[0].privateKey: expected 44 characters of base64 encoding 32 bytes", e.Message);
    }

    [Fact]
    public void FromHex_Invalid_ThrowsNamingTheValue()
    {
        var text = new string('g', 64);

        var e = Assert.Throws<FormatException>(() => WireGuardKey.FromHex(text));

        Assert.Equal($"invalid WireGuard key '{text}': expected 64 hex digits", e.Message);
    }

    [Fact]
    public void HexAndBase64_RoundTripAndCompareByValue()
    {
        var key = WireGuardKey.FromBase64(Key);

        Assert.Equal(Key, key.ToBase64());
        Assert.Equal(Key, key.ToString());
        Assert.Equal(key, WireGuardKey.FromHex(key.ToHex()));
        Assert.Equal(64, key.ToHex().Length);
        Assert.True(key == WireGuardKey.FromBase64(Key));
        Assert.Equal(key.GetHashCode(), WireGuardKey.FromBase64(Key).GetHashCode());
        Assert.NotEqual(default, key);
        Assert.True(default(WireGuardKey).IsZero);
    }

    [Theory]
    [InlineData(Key, true)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("YAnz2w3kbcS+mi1wq6hsqzYkSNOv4Eovk0zUZEk4lV==", false)]
    public void IsValid_Base64Of32Bytes(string? text, bool valid) => Assert.Equal(valid, WireGuardKey.IsValid(text));

    [Fact]
    public void Constructor_WrongLength_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => new WireGuardKey(new byte[31]));

        Assert.StartsWith("a WireGuard key has 32 bytes, got 31", e.Message, StringComparison.Ordinal);
    }
}
