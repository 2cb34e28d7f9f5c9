namespace Zos.Core.Contracts;

/// <summary>
/// The shape of a farm enrollment token's secret: <see cref="Prefix"/> then <see cref="SecretBytes"/> random bytes
/// in unpadded base64url (RFC 4648 §5), e.g. <c>zft_q3V...</c>. 256 bits of randomness, well above the 128 a guess
/// must face, and only characters that need no quoting on a kernel command line or in an iPXE script.
/// </summary>
public static class FarmEnrollmentToken
{
    public const string Prefix = "zft_";

    public const int SecretBytes = 32;

    /// <summary>Characters after the prefix: 32 bytes are 43 base64 characters without padding.</summary>
    public const int EncodedLength = (SecretBytes * 8 + 5) / 6;

    public const int Length = 4 + EncodedLength;

    /// <summary>True when <paramref name="text"/> has the token's shape (prefix, length, base64url alphabet).</summary>
    public static bool IsWellFormed(string? text)
    {
        if (text is null || text.Length != Length || !text.StartsWith(Prefix, StringComparison.Ordinal))
            return false;
        foreach (var c in text.AsSpan(Prefix.Length))
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
                return false;
        }
        return true;
    }

    /// <summary>The token with its secret part hidden, for logs and status lines.</summary>
    public static string Redacted(string text) =>
        text.Length > Prefix.Length + 4 ? text[..(Prefix.Length + 4)] + "…" : "…";
}
