using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Zos.Registry;

/// <summary>
/// The 128-bit digest a (key, nonce) is remembered by: SHA-256 of "key\nnonce", truncated. A collision with an unknown
/// random nonce is out of reach, and a fixed-size key keeps the replay table's rows small.
/// </summary>
public static class ReplayDigest
{
    public const int Size = 16;

    public static UInt128 Of(string keyId, string nonce)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        Hash(keyId, nonce, hash);
        return BinaryPrimitives.ReadUInt128LittleEndian(hash);
    }

    public static byte[] Bytes(string keyId, string nonce)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        Hash(keyId, nonce, hash);
        return hash[..Size].ToArray();
    }

    private static void Hash(string keyId, string nonce, Span<byte> hash)
    {
        var length = Encoding.UTF8.GetByteCount(keyId) + 1 + Encoding.UTF8.GetByteCount(nonce);
        Span<byte> text = length <= 512 ? stackalloc byte[length] : new byte[length];
        var n = Encoding.UTF8.GetBytes(keyId, text);
        text[n] = (byte)'\n';
        Encoding.UTF8.GetBytes(nonce, text[(n + 1)..]);
        SHA256.HashData(text, hash);
    }
}
