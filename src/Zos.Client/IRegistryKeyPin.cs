namespace Zos.Client;

/// <summary>Where a node keeps the registry key it pinned on first contact (trust on first use), across restarts.</summary>
public interface IRegistryKeyPin
{
    /// <summary>The pinned raw public key, or null when none was pinned yet.</summary>
    byte[]? Load();

    /// <summary>Keeps <paramref name="publicKey"/> (raw, 32 bytes) durably.</summary>
    void Save(byte[] publicKey);
}
