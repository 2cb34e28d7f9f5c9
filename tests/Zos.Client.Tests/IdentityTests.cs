using System.Text;
using Xunit;
using Zos.Client;
using Zos.Core.Contracts;
using Zos.Core.Primitives;

namespace Zos.Client.Tests;

public sealed class IdentityTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "zos-id-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
            Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void LoadOrCreate_NoFile_CreatesSeedWithMode0600AndReloadsSameId()
    {
        var path = Path.Combine(_dir, "sub", "seed");
        string firstId;
        using (var created = Ed25519Identity.LoadOrCreate(path))
            firstId = created.Id;

        Assert.Equal(32, new FileInfo(path).Length);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        using var loaded = Ed25519Identity.LoadOrCreate(path);
        Assert.Equal(firstId, loaded.Id);
        Assert.True(Base58.TryDecode(loaded.Id, out var raw));
        Assert.Equal(loaded.PublicKey, raw);
    }

    [Fact]
    public void LoadOrCreate_ShortSeedFile_ThrowsNamingFileAndLength()
    {
        Directory.CreateDirectory(_dir);
        var path = Path.Combine(_dir, "bad");
        File.WriteAllBytes(path, new byte[5]);
        var e = Assert.Throws<InvalidDataException>(() => Ed25519Identity.LoadOrCreate(path));
        Assert.Equal($"identity seed file '{path}' holds 5 bytes; expected 32", e.Message);
    }

    [Fact]
    public void Sign_ThenVerify_AcceptsOriginalRejectsTampered()
    {
        using var id = Ed25519Identity.Generate();
        var data = Encoding.UTF8.GetBytes("hello");
        var sig = id.Sign(data);
        Assert.True(Ed25519Identity.Verify(id.Id, data, sig));
        Assert.False(Ed25519Identity.Verify(id.Id, Encoding.UTF8.GetBytes("hellp"), sig));
        using var other = Ed25519Identity.Generate();
        Assert.False(Ed25519Identity.Verify(other.Id, data, sig));
        Assert.False(Ed25519Identity.Verify("0OIl", data, sig));
    }

    [Fact]
    public void FromSeed_RfcVector_GivesKnownPublicKey()
    {
        // RFC 8032 §7.1 TEST 1.
        var seed = Convert.FromHexString("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
        using var id = Ed25519Identity.FromSeed(seed);
        Assert.Equal("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", Convert.ToHexStringLower(id.PublicKey));
    }

    [Fact]
    public async Task SignAsync_AddsHeadersThatVerifyOverCanonicalString()
    {
        using var id = Ed25519Identity.Generate();
        var signer = new RequestSigner(id, TimeProvider.System);
        using var request = new HttpRequestMessage(HttpMethod.Post, "http://registry.test/api/v1/farms?x=1")
        {
            Content = new StringContent("{\"name\":\"f\"}", Encoding.UTF8, "application/json"),
        };
        await signer.SignAsync(request, TestContext.Current.CancellationToken);

        string H(string name) => request.Headers.GetValues(name).Single();
        Assert.Equal(id.Id, H(RequestSigning.KeyHeader));
        var canonical = RequestSigning.CanonicalBytes("POST", "/api/v1/farms", "x=1", long.Parse(H(RequestSigning.TimestampHeader)),
            H(RequestSigning.NonceHeader), RequestSigning.BodyHash(Encoding.UTF8.GetBytes("{\"name\":\"f\"}")));
        Assert.True(Ed25519Identity.Verify(id.Id, canonical, Convert.FromBase64String(H(RequestSigning.SignatureHeader))));
    }

    [Fact]
    public void CanonicalString_StripsQuestionMarkAndUppercasesMethod()
    {
        var s = RequestSigning.CanonicalString("put", "/a/b", "?q=1", 1700000000, "n0", "abc");
        Assert.Equal("zos-request-v1\nPUT\n/a/b\nq=1\n1700000000\nn0\nabc", s);
    }

    [Fact]
    public void IsFresh_61SecondsOff_False()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
        Assert.True(RequestSigning.IsFresh(1_700_000_060, now));
        Assert.False(RequestSigning.IsFresh(1_700_000_061, now));
        Assert.False(RequestSigning.IsFresh(1_699_999_939, now));
    }
}
