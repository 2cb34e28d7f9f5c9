using System.Security.Cryptography;
using NSec.Cryptography;
using Zos.Core.Networks;

namespace Zos.Linux.WireGuard;

/// <summary>
/// An X25519 key pair for WireGuard (NSec/libsodium), made where it is used (a node, or a user's machine joining a
/// network): the private key never leaves that machine.
/// </summary>
public sealed class WireGuardKeyPair
{
    private WireGuardKeyPair(WireGuardKey privateKey, WireGuardKey publicKey)
    {
        PrivateKey = privateKey;
        PublicKey = publicKey;
    }

    /// <summary>The private key.</summary>
    public WireGuardKey PrivateKey { get; }

    /// <summary>The public key (what `wg pubkey` prints for <see cref="PrivateKey"/>).</summary>
    public WireGuardKey PublicKey { get; }

    /// <summary>A fresh key pair; the private key is clamped as `wg genkey` does (RFC 7748 §5).</summary>
    public static WireGuardKeyPair Generate()
    {
        var secret = RandomNumberGenerator.GetBytes(WireGuardKey.Length);
        try
        {
            secret[0] &= 248;
            secret[31] = (byte)((secret[31] & 127) | 64);
            return FromPrivateKey(new WireGuardKey(secret));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    /// <summary>The pair for an existing private key (X25519 clamps the scalar, so any 32 bytes work).</summary>
    public static WireGuardKeyPair FromPrivateKey(WireGuardKey privateKey)
    {
        using var key = Key.Import(KeyAgreementAlgorithm.X25519, privateKey.Bytes, KeyBlobFormat.RawPrivateKey);
        var publicKey = key.PublicKey.Export(KeyBlobFormat.RawPublicKey);
        return new WireGuardKeyPair(privateKey, new WireGuardKey(publicKey));
    }
}
