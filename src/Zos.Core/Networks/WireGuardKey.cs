namespace Zos.Core.Networks;

/// <summary>Checks on WireGuard keys as text: Curve25519 keys are 32 bytes, written in base64 (44 characters).</summary>
public static class WireGuardKey
{
    public const int Length = 32;

    /// <summary>True when <paramref name="text"/> is base64 of exactly 32 bytes.</summary>
    public static bool IsValid(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Length != 44)
            return false;
        Span<byte> bytes = stackalloc byte[33];
        return Convert.TryFromBase64String(text, bytes, out var written) && written == Length;
    }
}
