using Xunit;
using Zos.Core.Networks;
using Zos.Linux.WireGuard;
using Zos.Testing;

namespace Zos.Linux.Tests.WireGuard;

public class WireGuardKeyPairTests
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

    [Fact]
    public void Generate_Gives32ByteBase64Keys()
    {
        var pair = WireGuardKeyPair.Generate();
        Assert.Equal(32, Convert.FromBase64String(pair.PrivateKey.ToBase64()).Length);
        Assert.Equal(32, Convert.FromBase64String(pair.PublicKey.ToBase64()).Length);
        Assert.NotEqual(pair.PrivateKey, pair.PublicKey);
    }
}
