using System.Collections.Concurrent;
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

    /// <summary>True when <paramref name="signature"/> over <paramref name="data"/> verifies for the base58 key <paramref name="keyId"/>; false for a malformed key.</summary>
    public bool Verify(string keyId, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        if (!_keys.TryGetValue(keyId, out var key))
        {
            if (!Base58.TryDecode(keyId, out var raw) || raw.Length != s_ed25519.PublicKeySize
                || !PublicKey.TryImport(s_ed25519, raw, KeyBlobFormat.RawPublicKey, out var imported) || imported is null)
                return false;
            if (_keys.Count >= Capacity)
                _keys.Clear();
            key = _keys.GetOrAdd(keyId, imported);
        }
        return s_ed25519.Verify(key, data, signature);
    }
}
