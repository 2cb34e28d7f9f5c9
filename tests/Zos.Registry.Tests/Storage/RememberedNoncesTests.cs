using Xunit;
using Zos.Registry.Storage;

namespace Zos.Registry.Tests.Storage;

/// <summary>The in-memory replay decision of a one-process store: same rule as the table's upsert.</summary>
public sealed class RememberedNoncesTests
{
    private static byte[] Digest(byte b) => Enumerable.Repeat(b, 16).ToArray();

    [Fact]
    public void TryRemember_FirstUseThenReplayThenAfterExpiryFirstAgain()
    {
        var nonces = new RememberedNonces();
        Assert.True(nonces.TryRemember(Digest(1), expiresMs: 120_000, nowMs: 0));
        Assert.False(nonces.TryRemember(Digest(1), expiresMs: 130_000, nowMs: 10_000));
        Assert.True(nonces.TryRemember(Digest(2), expiresMs: 130_000, nowMs: 10_000));
        Assert.True(nonces.TryRemember(Digest(1), expiresMs: 241_000, nowMs: 121_000));
        Assert.False(nonces.TryRemember(Digest(1), expiresMs: 242_000, nowMs: 122_000));
    }

    [Fact]
    public void Load_ThenSweep_RefusesLoadedUntilExpiryAndForgetsOnlyExpired()
    {
        var nonces = new RememberedNonces();
        nonces.Load(Digest(3), 100);
        nonces.Load(Digest(4), 300);
        Assert.False(nonces.TryRemember(Digest(3), 200, 50));

        Assert.Equal(1, nonces.Sweep(150));
        Assert.Equal(1, nonces.Count);
        Assert.False(nonces.TryRemember(Digest(4), 400, 200));
    }

    [Fact]
    public void TryRemember_ManyThreadsSameDigest_ExactlyOneFirst()
    {
        var nonces = new RememberedNonces();
        var firsts = 0;
        Parallel.For(0, 64, _ =>
        {
            if (nonces.TryRemember(Digest(9), 1000, 0))
                Interlocked.Increment(ref firsts);
        });
        Assert.Equal(1, firsts);
    }

    [Fact]
    public void TryRemember_WrongDigestLength_NamesTheLength() =>
        Assert.Contains("not 15", Assert.Throws<ArgumentException>(() => new RememberedNonces().TryRemember(new byte[15], 1, 0)).Message, StringComparison.Ordinal);
}
