using Xunit;
using Zos.Client;
using Zos.Core.Contracts;
using Zos.Core.Primitives;

namespace Zos.Client.Tests;

/// <summary>
/// The MAC key a node and the registry derive without sending it (<see cref="RequestMac"/>): the Edwards-to-Montgomery
/// map of a public key matches the X25519 key libsodium computes from the same seed, and both sides arrive at one key.
/// </summary>
public sealed class MacKeyAgreementTests
{
    [Fact]
    public void ConvertedPublicKey_EqualsTheX25519KeyOfTheSameSeed_For200Seeds()
    {
        Span<byte> converted = stackalloc byte[32];
        for (var i = 0; i < 200; i++)
        {
            using var id = Ed25519Identity.Generate();
            Assert.True(EdwardsToMontgomery.TryConvertPublicKey(id.PublicKey, converted));
            Assert.Equal(id.AgreementPublicKey, converted.ToArray());
        }
    }

    [Fact]
    public void DeriveMacKey_BothSides_SameKey_OtherPairsDiffer()
    {
        using var node = Ed25519Identity.Generate();
        using var registry = Ed25519Identity.Generate();
        using var stranger = Ed25519Identity.Generate();
        var info = RequestMac.KeyInfo(node.Id, Convert.ToBase64String(registry.PublicKey));

        var atNode = node.DeriveMacKey(registry.PublicKey, info);
        var atRegistry = registry.DeriveMacKey(node.PublicKey, info);
        var atStranger = stranger.DeriveMacKey(node.PublicKey, info);

        Assert.NotNull(atNode);
        Assert.Equal(RequestMac.KeyLength, atNode.Length);
        Assert.Equal(atNode, atRegistry);
        Assert.NotEqual(atNode, atStranger);
        Assert.NotEqual(atNode, registry.DeriveMacKey(node.PublicKey, RequestMac.KeyInfo(node.Id, "another registry")));
    }

    [Fact]
    public void DeriveMacKey_IdentityPointOrNonCanonicalKey_Null()
    {
        using var node = Ed25519Identity.Generate();
        var identityPoint = new byte[32];
        identityPoint[0] = 1; // y = 1: the neutral element, no u-coordinate
        var nonCanonical = Enumerable.Repeat((byte)0xff, 32).ToArray();
        nonCanonical[0] = 0xed;
        nonCanonical[31] = 0x7f; // y = p

        Assert.Null(node.DeriveMacKey(identityPoint, [1]));
        Assert.Null(node.DeriveMacKey(nonCanonical, [1]));
        Assert.Null(node.DeriveMacKey(new byte[31], [1]));
    }

    [Fact]
    public async Task Signer_WithRegistryKey_SendsMacThatTheRegistrySideMatches()
    {
        using var node = Ed25519Identity.Generate();
        using var registry = Ed25519Identity.Generate();
        var registryKey = Convert.ToBase64String(registry.PublicKey);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("http://r/api/v1/nodes/x/heartbeat")) { Content = new StringContent("{}") };

        await new RequestSigner(node, TimeProvider.System).SignAsync(request, registryKey, TestContext.Current.CancellationToken);

        Assert.False(request.Headers.Contains(RequestSigning.SignatureHeader));
        var mac = Convert.FromBase64String(request.Headers.GetValues(RequestMac.MacHeader).Single());
        var canonical = RequestSigning.CanonicalBytes("POST", "/api/v1/nodes/x/heartbeat", "",
            long.Parse(request.Headers.GetValues(RequestSigning.TimestampHeader).Single(), System.Globalization.CultureInfo.InvariantCulture),
            request.Headers.GetValues(RequestSigning.NonceHeader).Single(), RequestSigning.BodyHash("{}"u8));
        var key = registry.DeriveMacKey(node.PublicKey, RequestMac.KeyInfo(node.Id, registryKey))!;
        Assert.True(RequestMac.Matches(key, canonical, mac));
        canonical[^1] ^= 1;
        Assert.False(RequestMac.Matches(key, canonical, mac));
    }
}
