using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using NSec.Cryptography;
using Zos.Core.Primitives;

namespace Zos.Registry.Api;

/// <summary>
/// Ed25519 verification with the decoded, imported public key of each signer kept: every heartbeat of a node would
/// otherwise base58-decode and import the same key again. Bounded: emptied when it holds <see cref="Capacity"/> keys.
/// </summary>
public sealed class PublicKeyCache
{
    public const int Capacity = 100_000;
    private static readonly SignatureAlgorithm s_ed25519 = SignatureAlgorithm.Ed25519;
    private readonly ConcurrentDictionary<string, PublicKey> _keys = new(StringComparer.Ordinal);

    /// <summary>
    /// The imported key of base58 <paramref name="keyId"/>; false when it is no Ed25519 public key. Asked before a
    /// request's body is read, so a malformed key costs no upload.
    /// </summary>
    public bool TryGet(string keyId, [NotNullWhen(true)] out PublicKey? key)
    {
        if (_keys.TryGetValue(keyId, out key))
            return true;
        // A base58 Ed25519 key is 43 or 44 characters: longer text is not decoded at all.
        if (keyId.Length > 64 || !Base58.TryDecode(keyId, out var raw) || raw.Length != s_ed25519.PublicKeySize
            || !PublicKey.TryImport(s_ed25519, raw, KeyBlobFormat.RawPublicKey, out var imported) || imported is null)
        {
            key = null;
            return false;
        }
        if (_keys.Count >= Capacity)
            _keys.Clear();
        key = _keys.GetOrAdd(keyId, imported);
        return true;
    }

    /// <summary>True when <paramref name="signature"/> over <paramref name="data"/> verifies for <paramref name="key"/>.</summary>
    public static bool Verify(PublicKey key, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature) => s_ed25519.Verify(key, data, signature);

    /// <summary>True when <paramref name="signature"/> over <paramref name="data"/> verifies for the base58 key <paramref name="keyId"/>; false for a malformed key.</summary>
    public bool Verify(string keyId, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature) =>
        TryGet(keyId, out var key) && Verify(key, data, signature);
}
