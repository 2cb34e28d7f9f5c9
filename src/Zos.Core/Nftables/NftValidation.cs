using System.Text;
using System.Text.RegularExpressions;

namespace Zos.Core.Nftables;

/// <summary>
/// The checks that keep every rendered value inside its token: identifiers are plain nft identifiers and not nft
/// keywords (nft 1.0.6 does not accept quoted table or chain names), interface names follow the kernel's rules
/// (net/core/dev.c dev_valid_name, IFNAMSIZ 16), and strings never contain a quote or backslash (nft strings
/// have no escapes).
/// </summary>
public static partial class NftValidation
{
    /// <summary>The longest comment nft accepts (NFT_USERDATA_MAXLEN is 256; the comment TLV allows 128 bytes).</summary>
    public const int MaxCommentBytes = 128;

    // Statement and object keywords that the nft grammar does not accept where a name is expected.
    private static readonly HashSet<string> s_reserved = new(StringComparer.Ordinal)
    {
        "accept", "drop", "reject", "return", "jump", "goto", "continue", "queue", "counter", "counters", "comment",
        "log", "limit", "meta", "ct", "ip", "ip6", "inet", "arp", "bridge", "netdev", "tcp", "udp", "icmp", "icmpv6",
        "masquerade", "snat", "dnat", "redirect", "type", "hook", "policy", "priority", "table", "chain", "set", "map",
        "element", "rule", "flush", "delete", "add", "insert", "replace", "create", "list", "define", "include",
        "ruleset", "describe", "handle", "position", "index", "quota", "notrack", "flow", "flowtable", "tproxy",
        "synproxy", "secmark", "fib", "rt", "numgen", "hash", "jhash", "symhash", "dup", "fwd", "tunnel",
    };

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_-]{0,62}\z", RegexOptions.CultureInvariant)]
    private static partial Regex IdentifierPattern();

    /// <summary>Throws unless <paramref name="name"/> is a plain identifier (letter, then letters, digits, '_' or '-'; max 63) and not a keyword.</summary>
    public static void ValidateIdentifier(string name, string what)
    {
        if (name is null || !IdentifierPattern().IsMatch(name))
            throw new ArgumentException($"invalid nftables {what} '{name}': a letter followed by letters, digits, '_' or '-' (at most 63 characters)", nameof(name));
        if (s_reserved.Contains(name))
            throw new ArgumentException($"invalid nftables {what} '{name}': it is an nft keyword", nameof(name));
    }

    /// <summary>True when <paramref name="name"/> is a valid kernel interface name that can also be quoted in nft.</summary>
    public static bool IsValidInterfaceName(string? name)
    {
        if (string.IsNullOrEmpty(name) || name is "." or ".." || Encoding.UTF8.GetByteCount(name) > 15)
            return false;
        foreach (var c in name)
        {
            if (c is '/' or ':' or '"' or '\\' or '*' || char.IsWhiteSpace(c) || char.IsControl(c))
                return false;
        }
        return true;
    }

    /// <summary>Throws unless <paramref name="pattern"/> is an interface name, or a non-empty name prefix followed by '*'.</summary>
    public static void ValidateInterfacePattern(string pattern)
    {
        var name = pattern is not null && pattern.EndsWith('*') ? pattern[..^1] : pattern;
        if (name is null || !IsValidInterfaceName(name))
            throw new ArgumentException($"invalid interface name '{pattern}': 1 to 15 characters, not '.' or '..', without '/', ':', quotes, backslash or whitespace ('*' only at the end as a prefix wildcard)", nameof(pattern));
    }

    /// <summary>Throws unless <paramref name="comment"/> fits nft's comment: at most 128 UTF-8 bytes, no quote, backslash or control character.</summary>
    public static void ValidateComment(string comment)
    {
        if (Encoding.UTF8.GetByteCount(comment) > MaxCommentBytes)
            throw new ArgumentException($"invalid nftables comment '{comment}': longer than {MaxCommentBytes} bytes", nameof(comment));
        foreach (var c in comment)
        {
            if (c is '"' or '\\' || char.IsControl(c))
                throw new ArgumentException($"invalid nftables comment '{comment}': it contains a quote, backslash or control character, which nft strings cannot escape", nameof(comment));
        }
    }

    /// <summary>"EchoRequest" → "echo-request" (nft's names for ICMP types).</summary>
    internal static string KebabCase(string pascal)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < pascal.Length; i++)
        {
            if (char.IsUpper(pascal[i]) && i > 0)
                sb.Append('-');
            sb.Append(char.ToLowerInvariant(pascal[i]));
        }
        return sb.ToString();
    }
}
