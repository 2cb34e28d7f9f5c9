using System.Net;
using System.Text;
using Xunit;
using Zos.Client;
using Zos.Core.Contracts;

namespace Zos.Client.Tests;

/// <summary>
/// <see cref="RegistryTrust"/> on answers signed here (<see cref="ResponseSigning"/>): the configured key, trust on
/// first use, and each way an answer is refused, with the message the node shows.
/// </summary>
public sealed class RegistryTrustTests
{
    private static readonly Uri Registry = new("http://registry.test/");
    private const string Path = "/api/v1/nodes/N1/desired-state";
    private const string Challenge = "00112233445566778899aabbccddeeff";
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"nodeId":"N1","version":3,"networks":[]}""");

    /// <summary>An answer signed over <paramref name="body"/>, <paramref name="challenge"/> and ETag "3"; <paramref name="sentEtag"/> is the header actually sent.</summary>
    private static HttpResponseMessage Signed(Ed25519Identity key, byte[] body, string challenge = Challenge, string sentEtag = "\"3\"", int status = 200)
    {
        const string etag = "\"3\"";
        var response = new HttpResponseMessage((HttpStatusCode)status);
        response.Headers.TryAddWithoutValidation("ETag", sentEtag);
        var canonical = ResponseSigning.CanonicalBytes("GET", Path, "N1", etag, status, challenge, RequestSigning.BodyHash(body));
        response.Headers.Add(ResponseSigning.KeyHeader, Convert.ToBase64String(key.PublicKey));
        response.Headers.Add(ResponseSigning.SignatureHeader, Convert.ToBase64String(key.Sign(canonical)));
        return response;
    }

    private static void Verify(RegistryTrust trust, HttpResponseMessage response, byte[]? body = null, int status = 200) =>
        trust.Verify(response.Headers, status, "GET", Path, "N1", Challenge, body ?? Body, "its desired state");

    [Fact]
    public void Verify_SignedByTheConfiguredKey_Accepted()
    {
        using var registry = Ed25519Identity.Generate();
        using var response = Signed(registry, Body);

        Verify(new RegistryTrust(Registry, registry.PublicKey, null), response);
    }

    [Fact]
    public void Verify_AnotherKey_RefusedNamingBothKeys()
    {
        using var registry = Ed25519Identity.Generate();
        using var impostor = Ed25519Identity.Generate();
        using var response = Signed(impostor, Body);

        var e = Assert.Throws<RegistryTrustException>(() => Verify(new RegistryTrust(Registry, registry.PublicKey, null), response));

        Assert.Equal($"registry at {Registry} answered with a key that is not the one given by zos-registry-key= " +
                     $"(trusted {Convert.ToBase64String(registry.PublicKey)}, answered {Convert.ToBase64String(impostor.PublicKey)}); refusing its desired state", e.Message);
    }

    [Fact]
    public void Verify_NoSignature_Refused()
    {
        using var registry = Ed25519Identity.Generate();
        using var response = new HttpResponseMessage(HttpStatusCode.OK);

        var e = Assert.Throws<RegistryTrustException>(() => Verify(new RegistryTrust(Registry, registry.PublicKey, null), response));

        Assert.Contains("answered without a signature", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("body")]
    [InlineData("challenge")]
    [InlineData("etag")]
    [InlineData("status")]
    public void Verify_AnySignedFieldChanged_Refused(string field)
    {
        using var registry = Ed25519Identity.Generate();
        var body = field == "body" ? Encoding.UTF8.GetBytes("""{"nodeId":"N1","version":3,"networks":[{"netId":"x"}]}""") : Body;
        using var response = Signed(registry, Body, challenge: field == "challenge" ? "ff" : Challenge, sentEtag: field == "etag" ? "\"2\"" : "\"3\"");
        var trust = new RegistryTrust(Registry, registry.PublicKey, null);

        var e = Assert.Throws<RegistryTrustException>(() => Verify(trust, response, body, field == "status" ? 304 : 200));

        Assert.Contains("a signature that does not verify", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TrustOnFirstUse_PinsTheFirstVerifiedKeyOnce_ThenRefusesAnother()
    {
        using var registry = Ed25519Identity.Generate();
        using var impostor = Ed25519Identity.Generate();
        var pin = new MemoryPin();
        var trust = new RegistryTrust(Registry, null, pin);
        var pinned = new List<string>();
        trust.KeyPinned += pinned.Add;
        Assert.Null(trust.TrustedKey);

        using (var first = Signed(registry, Body))
            Verify(trust, first);
        using (var second = Signed(registry, Body))
            Verify(trust, second);

        Assert.Equal([Convert.ToBase64String(registry.PublicKey)], pinned);
        Assert.Equal(registry.PublicKey, pin.Saved);
        using var other = Signed(impostor, Body);
        var e = Assert.Throws<RegistryTrustException>(() => Verify(trust, other));
        Assert.Contains("answered with a key that is not the pinned one", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TrustOnFirstUse_ForgedFirstAnswer_NothingPinned()
    {
        using var registry = Ed25519Identity.Generate();
        using var response = Signed(registry, Body);
        var pin = new MemoryPin();
        var trust = new RegistryTrust(Registry, null, pin);

        Assert.Throws<RegistryTrustException>(() => Verify(trust, response, Encoding.UTF8.GetBytes("{}")));

        Assert.Null(pin.Saved);
        Assert.Null(trust.TrustedKey);
    }

    [Fact]
    public void ConfiguredKey_WinsOverAPinnedOne()
    {
        using var configured = Ed25519Identity.Generate();
        using var pinnedBefore = Ed25519Identity.Generate();
        var trust = new RegistryTrust(Registry, configured.PublicKey, new MemoryPin { Saved = pinnedBefore.PublicKey });

        Assert.Equal(Convert.ToBase64String(configured.PublicKey), trust.TrustedKey);
        using var fromPinned = Signed(pinnedBefore, Body);
        Assert.Throws<RegistryTrustException>(() => Verify(trust, fromPinned));
    }

    private sealed class MemoryPin : IRegistryKeyPin
    {
        public byte[]? Saved { get; set; }

        public byte[]? Load() => Saved;

        public void Save(byte[] publicKey) => Saved = publicKey;
    }
}
