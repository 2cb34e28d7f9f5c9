using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Zos.Core.Contracts;
using Zos.Core.Primitives;
using Zos.Registry.Signing;

namespace Zos.Registry.Api;

/// <summary>
/// The <see cref="RequestMac"/> key the registry shares with each signer, derived from the registry's key and the
/// signer's base58 Ed25519 key on first use (one X25519 and one HKDF) and kept: a node's every heartbeat after its first
/// costs one HMAC. Bounded like <see cref="PublicKeyCache"/>: emptied when it holds <see cref="Capacity"/> keys.
/// </summary>
public sealed class RequestMacKeys(RegistrySigningKey registryKey)
{
    public const int Capacity = 100_000;
    private readonly ConcurrentDictionary<string, byte[]> _keys = new(StringComparer.Ordinal);

    /// <summary>The registry's own key (base64), which every MAC key is derived with.</summary>
    public string RegistryKeyBase64 => registryKey.PublicKeyBase64;

    /// <summary>The MAC key of base58 signer key <paramref name="keyId"/>; false when it is no usable Ed25519 public key.</summary>
    public bool TryGet(string keyId, [NotNullWhen(true)] out byte[]? key)
    {
        if (_keys.TryGetValue(keyId, out key))
            return true;
        if (keyId.Length > 64 || !Base58.TryDecode(keyId, out var raw) || raw.Length != EdwardsToMontgomery.KeyLength
            || registryKey.DeriveMacKey(raw, RequestMac.KeyInfo(keyId, registryKey.PublicKeyBase64)) is not { } derived)
        {
            key = null;
            return false;
        }
        if (_keys.Count >= Capacity)
            _keys.Clear();
        key = _keys.GetOrAdd(keyId, derived);
        return true;
    }
}
