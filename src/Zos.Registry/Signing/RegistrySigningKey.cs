using Zos.Client;

namespace Zos.Registry.Signing;

/// <summary>
/// The registry's own Ed25519 key (RFC 8032), with which it signs what it serves to nodes (<see cref="SignedAnswerMiddleware"/>).
/// Created on first start (a random 32-byte seed, mode 0600, written whole then renamed) and loaded after, from
/// <see cref="RegistryOptions.EffectiveSigningKeyFile"/>. Registries that share one PostgreSQL must share this file too,
/// or a node that pinned one of them refuses the others.
/// </summary>
public sealed class RegistrySigningKey : IDisposable
{
    private readonly Ed25519Identity _identity;

    private RegistrySigningKey(Ed25519Identity identity, string path)
    {
        _identity = identity;
        Path = path;
        PublicKeyBase64 = Convert.ToBase64String(identity.PublicKey);
    }

    /// <summary>Where the seed is kept.</summary>
    public string Path { get; }

    /// <summary>The raw public key, base64: what <c>zos-registry-key=</c> carries and what answers name in their key header.</summary>
    public string PublicKeyBase64 { get; }

    /// <summary>Loads the key at <paramref name="path"/>, or creates it there; a key file others can read is refused (it is the registry's identity).</summary>
    public static RegistrySigningKey LoadOrCreate(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (File.Exists(path) && KeyFileMode.ReadableByOthers(path) is { } mode)
            throw new InsecureKeyFileException(path, mode);
        return new RegistrySigningKey(Ed25519Identity.LoadOrCreate(path), path);
    }

    public byte[] Sign(ReadOnlySpan<byte> data) => _identity.Sign(data);

    /// <summary>The <see cref="Zos.Core.Contracts.RequestMac"/> key shared with the raw Ed25519 key <paramref name="signerPublicKey"/>; null when it is no usable point.</summary>
    public byte[]? DeriveMacKey(ReadOnlySpan<byte> signerPublicKey, ReadOnlySpan<byte> info) => _identity.DeriveMacKey(signerPublicKey, info);

    public void Dispose() => _identity.Dispose();
}
