using System.Numerics;

namespace Zos.Core.Primitives;

/// <summary>
/// Base58 with the Bitcoin alphabet, as Zero-OS uses for node ids and NetIDs (zos-networking.md §4.2).
/// Leading zero bytes encode as '1'.
/// </summary>
public static class Base58
{
    public const string Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    public static string Encode(ReadOnlySpan<byte> data)
    {
        var leadingZeros = 0;
        while (leadingZeros < data.Length && data[leadingZeros] == 0)
            leadingZeros++;

        var value = new BigInteger(data, isUnsigned: true, isBigEndian: true);
        var chars = new List<char>(data.Length * 138 / 100 + 1);
        while (value > 0)
        {
            value = BigInteger.DivRem(value, 58, out var remainder);
            chars.Add(Alphabet[(int)remainder]);
        }
        chars.AddRange(Enumerable.Repeat('1', leadingZeros));
        chars.Reverse();
        return new string([.. chars]);
    }

    /// <summary>Decodes <paramref name="text"/>; false when it holds a character outside the alphabet.</summary>
    public static bool TryDecode(string text, out byte[] data)
    {
        data = [];
        var value = BigInteger.Zero;
        foreach (var c in text)
        {
            var digit = Alphabet.IndexOf(c, StringComparison.Ordinal);
            if (digit < 0)
                return false;
            value = value * 58 + digit;
        }
        var leadingOnes = text.TakeWhile(c => c == '1').Count();
        var body = value.IsZero ? [] : value.ToByteArray(isUnsigned: true, isBigEndian: true);
        data = new byte[leadingOnes + body.Length];
        body.CopyTo(data, leadingOnes);
        return true;
    }
}
