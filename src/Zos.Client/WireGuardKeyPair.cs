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

    /// <summary>The pair of a private key kept earlier (base64 of 32 bytes), or null when the text is not one.</summary>
    public static WireGuardKeyPair? FromPrivateKey(string privateKey)
    {
        var bytes = new byte[32];
        if (!Convert.TryFromBase64String(privateKey.Trim(), bytes, out var length) || length != 32)
            return null;
        using var key = Key.Import(KeyAgreementAlgorithm.X25519, bytes, KeyBlobFormat.RawPrivateKey,
            new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        return new WireGuardKeyPair(privateKey.Trim(), Convert.ToBase64String(key.PublicKey.Export(KeyBlobFormat.RawPublicKey)));
    }
}
