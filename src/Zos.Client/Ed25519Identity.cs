using NSec.Cryptography;
using Zos.Core.Contracts;
using Zos.Core.Primitives;

namespace Zos.Client;

/// <summary>
/// An Ed25519 identity (a node's or an account's). The 32-byte seed is the only secret; it is created once and kept
/// in a file readable by its owner only (mode 0600), as Zero-OS keeps the node seed (boot-and-registry.md §4.1).
/// The id is base58 of the public key, which is also the node id.
/// </summary>
public sealed class Ed25519Identity : IDisposable
{
    public const int SeedLength = 32;

    private static readonly SignatureAlgorithm s_algorithm = SignatureAlgorithm.Ed25519;
    private static readonly KeyAgreementAlgorithm s_agreement = KeyAgreementAlgorithm.X25519;
    private readonly Key _key;
    private readonly Key _agreementKey;

    private Ed25519Identity(Key key, Key agreementKey)
    {
        _key = key;
        _agreementKey = agreementKey;
        PublicKey = key.PublicKey.Export(KeyBlobFormat.RawPublicKey);
        Id = Base58.Encode(PublicKey);
    }

    /// <summary>The raw 32-byte public key.</summary>
    public byte[] PublicKey { get; }

    /// <summary>Base58 of <see cref="PublicKey"/>: the node id, or the account key id.</summary>
    public string Id { get; }

    /// <summary>A new random identity, in memory only.</summary>
    public static Ed25519Identity Generate()
    {
        var seed = System.Security.Cryptography.RandomNumberGenerator.GetBytes(SeedLength);
        return FromSeed(seed);
    }

    public static Ed25519Identity FromSeed(ReadOnlySpan<byte> seed)
    {
        if (seed.Length != SeedLength)
            throw new ArgumentException($"an Ed25519 seed is {SeedLength} bytes, got {seed.Length}", nameof(seed));
        // The X25519 secret of the same identity is the Ed25519 secret scalar: the first half of SHA-512(seed) (RFC 8032
        // §5.1.5; X25519 clamps it, RFC 7748 §5), so its public key is EdwardsToMontgomery of the Ed25519 one.
        Span<byte> hash = stackalloc byte[64];
        System.Security.Cryptography.SHA512.HashData(seed, hash);
        try
        {
            return new Ed25519Identity(Key.Import(s_algorithm, seed, KeyBlobFormat.RawPrivateKey),
                Key.Import(s_agreement, hash[..32], KeyBlobFormat.RawPrivateKey));
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(hash);
        }
    }

    /// <summary>
    /// Loads the seed at <paramref name="path"/>, or creates it (random, mode 0600, written to a temporary file then
    /// renamed so a crash never leaves a half seed) when the file does not exist.
    /// </summary>
    public static Ed25519Identity LoadOrCreate(string path) => LoadOrCreate(path, null);

    /// <summary>
    /// As <see cref="LoadOrCreate(string)"/>; a new seed is written to a temporary file, flushed, renamed into place and
    /// then <paramref name="flushDirectory"/> is called with the directory, so the rename itself reaches the disk (a node
    /// that loses power just after its first boot must come back with the same identity).
    /// </summary>
    public static Ed25519Identity LoadOrCreate(string path, Action<string>? flushDirectory)
    {
        if (File.Exists(path))
        {
            var seed = File.ReadAllBytes(path);
            if (seed.Length != SeedLength)
                throw new InvalidDataException($"identity seed file '{path}' holds {seed.Length} bytes; expected {SeedLength}");
            return FromSeed(seed);
        }

        var dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(dir);
        var fresh = System.Security.Cryptography.RandomNumberGenerator.GetBytes(SeedLength);
        var temp = Path.Combine(dir, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new FileStream(temp, options))
        {
            stream.Write(fresh);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temp, path, overwrite: false);
        flushDirectory?.Invoke(dir);
        return FromSeed(fresh);
    }

    public byte[] Sign(ReadOnlySpan<byte> data) => s_algorithm.Sign(_key, data);

    /// <summary>The X25519 public key of this identity (RFC 7748), for tests and diagnostics.</summary>
    public byte[] AgreementPublicKey => _agreementKey.PublicKey.Export(KeyBlobFormat.RawPublicKey);

    /// <summary>
    /// The <see cref="RequestMac"/> key this identity shares with the holder of the raw Ed25519 public key
    /// <paramref name="peerPublicKey"/>: X25519 of the two identities, then HKDF-SHA256 with <paramref name="info"/>.
    /// Null when the peer key is no usable point (not canonical, the identity, or of small order: an all-zero secret).
    /// </summary>
    public byte[]? DeriveMacKey(ReadOnlySpan<byte> peerPublicKey, ReadOnlySpan<byte> info)
    {
        Span<byte> peer = stackalloc byte[EdwardsToMontgomery.KeyLength];
        if (!EdwardsToMontgomery.TryConvertPublicKey(peerPublicKey, peer)
            || !NSec.Cryptography.PublicKey.TryImport(s_agreement, peer, KeyBlobFormat.RawPublicKey, out var peerKey) || peerKey is null)
            return null;
        using var shared = s_agreement.Agree(_agreementKey, peerKey);
        return shared is null ? null : KeyDerivationAlgorithm.HkdfSha256.DeriveBytes(shared, [], info, RequestMac.KeyLength);
    }

    /// <summary>Checks <paramref name="signature"/> over <paramref name="data"/> by the base58 key <paramref name="keyId"/>; false for a malformed key.</summary>
    public static bool Verify(string keyId, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        if (!Base58.TryDecode(keyId, out var raw) || raw.Length != s_algorithm.PublicKeySize)
            return false;
        if (!NSec.Cryptography.PublicKey.TryImport(s_algorithm, raw, KeyBlobFormat.RawPublicKey, out var publicKey) || publicKey is null)
            return false;
        return s_algorithm.Verify(publicKey, data, signature);
    }

    /// <summary>Checks <paramref name="signature"/> over <paramref name="data"/> by the raw 32-byte <paramref name="publicKey"/>; false for a malformed key.</summary>
    public static bool Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        if (publicKey.Length != s_algorithm.PublicKeySize)
            return false;
        if (!NSec.Cryptography.PublicKey.TryImport(s_algorithm, publicKey, KeyBlobFormat.RawPublicKey, out var key) || key is null)
            return false;
        return s_algorithm.Verify(key, data, signature);
    }

    public void Dispose()
    {
        _key.Dispose();
        _agreementKey.Dispose();
    }
}
