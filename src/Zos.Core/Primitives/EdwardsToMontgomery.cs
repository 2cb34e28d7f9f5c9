using System.Numerics;

namespace Zos.Core.Primitives;

/// <summary>
/// The birational map from an Ed25519 public key (a point of edwards25519, RFC 8032 §5.1.2 encoding) to the X25519
/// public key of the same secret (its u-coordinate on curve25519): u = (1 + y) / (1 - y) mod p, RFC 7748 §4.1. This lets
/// a node's and the registry's existing Ed25519 identities agree on a shared key (X25519) with no new key to register
/// or pin. Pure; once per peer key (a modular inverse of 255 bits), so no constant-time care is needed: the input is
/// public.
/// </summary>
public static class EdwardsToMontgomery
{
    public const int KeyLength = 32;

    private static readonly BigInteger s_p = BigInteger.Pow(2, 255) - 19;

    /// <summary>
    /// The X25519 public key of Ed25519 public key <paramref name="ed25519"/>; false when it is not a canonical encoding
    /// (y ≥ p) or is the point with y = 1 (the identity, which has no u-coordinate).
    /// </summary>
    public static bool TryConvertPublicKey(ReadOnlySpan<byte> ed25519, Span<byte> x25519)
    {
        if (ed25519.Length != KeyLength || x25519.Length != KeyLength)
            return false;
        Span<byte> yBytes = stackalloc byte[KeyLength];
        ed25519.CopyTo(yBytes);
        yBytes[KeyLength - 1] &= 0x7f; // the top bit is the sign of x, not part of y
        var y = new BigInteger(yBytes, isUnsigned: true, isBigEndian: false);
        if (y >= s_p || y.IsOne)
            return false;
        var denominator = (BigInteger.One - y + s_p) % s_p;
        var u = (BigInteger.One + y) * BigInteger.ModPow(denominator, s_p - 2, s_p) % s_p;
        x25519.Clear();
        if (!u.TryWriteBytes(x25519, out _, isUnsigned: true, isBigEndian: false))
            return false;
        return true;
    }
}
