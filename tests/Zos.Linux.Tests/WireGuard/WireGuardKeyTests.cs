using Xunit;
using Zos.Linux.WireGuard;
using Zos.Testing;

namespace Zos.Linux.Tests.WireGuard;

public class WireGuardKeyTests
{
    [Fact]
    public void Generate_PublicKey_EqualsWgPubkey()
    {
        Require.Tools("wg");
        for (var i = 0; i < 5; i++)
        {
            var pair = WireGuardKeyPair.Generate();
            var wg = Sh.Run("wg", ["pubkey"], TimeSpan.FromSeconds(10), pair.PrivateKey.ToBase64() + "\n").EnsureSuccess("wg pubkey");
            Assert.Equal(wg.StdOut.Trim(), pair.PublicKey.ToBase64());
        }
    }

    [Fact]
    public void FromPrivateKey_WgGenkey_EqualsWgPubkey()
    {
        Require.Tools("wg");
        var privateKey = Sh.Run("wg", "genkey").EnsureSuccess("wg genkey").StdOut.Trim();
        var expected = Sh.Run("wg", ["pubkey"], TimeSpan.FromSeconds(10), privateKey + "\n").EnsureSuccess("wg pubkey").StdOut.Trim();
        Assert.Equal(expected, WireGuardKeyPair.FromPrivateKey(WireGuardKey.FromBase64(privateKey)).PublicKey.ToBase64());
    }

    [Fact]
    public void Generate_PrivateKey_IsClampedLikeWgGenkey()
    {
        var key = WireGuardKeyPair.Generate().PrivateKey.Bytes;
        Assert.Equal(0, key[0] & 7);
        Assert.Equal(64, key[31] & 192);
    }

    [Fact]
    public void HexAndBase64_RoundTrip()
    {
        var key = WireGuardKeyPair.Generate().PublicKey;
        Assert.Equal(key, WireGuardKey.FromHex(key.ToHex()));
        Assert.Equal(key, WireGuardKey.FromBase64(key.ToBase64()));
        Assert.Equal(64, key.ToHex().Length);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("!AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    public void FromBase64_Invalid_ThrowsNamingTheValue(string text)
    {
        var e = Assert.Throws<FormatException>(() => WireGuardKey.FromBase64(text));
        Assert.Equal($"invalid WireGuard key '{text}': expected 44 characters of base64 encoding 32 bytes", e.Message);
    }
}
