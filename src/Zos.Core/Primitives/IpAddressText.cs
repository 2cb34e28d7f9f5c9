using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;

namespace Zos.Core.Primitives;

/// <summary>
/// Strict address parsing for operator input. <see cref="IPAddress.TryParse(string?, out IPAddress?)"/> accepts
/// inet_aton forms such as "10.1" (= 10.0.0.1) or "0x7f.1" and zone ids ("fe80::1%eth0"); a farm file holding
/// those is a typo far more often than intent, so only dotted quads and plain IPv6 text pass.
/// </summary>
public static class IpAddressText
{
    public static bool TryParse(ReadOnlySpan<char> text, [NotNullWhen(true)] out IPAddress? address)
    {
        address = null;
        if (text.IsEmpty || text.Contains('%') || text.Contains('/'))
            return false;
        if (!IPAddress.TryParse(text, out var parsed))
            return false;
        if (parsed.AddressFamily == AddressFamily.InterNetwork && !IsDottedQuad(text))
            return false;
        address = parsed;
        return true;
    }

    private static bool IsDottedQuad(ReadOnlySpan<char> text)
    {
        var parts = 0;
        foreach (var range in text.Split('.'))
        {
            var part = text[range];
            if (part.IsEmpty || part.Length > 3 || part.ContainsAnyExceptInRange('0', '9'))
                return false;
            // Leading zeros read as octal in some parsers (inet_aton): refuse them rather than guess.
            if (part.Length > 1 && part[0] == '0')
                return false;
            parts++;
        }
        return parts == 4;
    }
}
