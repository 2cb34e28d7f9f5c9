using NSec.Cryptography;

namespace Zos.Client;

/// <summary>A WireGuard (Curve25519) key pair in WireGuard's base64 text form; generated locally, the private key never leaves this machine.</summary>
public sealed record WireGuardKeyPair(string PrivateKey, string PublicKey)
{
    public static WireGuardKeyPair Generate()
    {
        using var key = Key.Create(KeyAgreementAlgorithm.X25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        return new WireGuardKeyPair(
            Convert.ToBase64String(key.Export(KeyBlobFormat.RawPrivateKey)),
            Convert.ToBase64String(key.PublicKey.Export(KeyBlobFormat.RawPublicKey)));
    }
}
