using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Zos.Core.Primitives;

namespace Zos.Core.Validation;

/// <summary>
/// The one place for the rules of farm address space, shared by <c>zos farm check</c> (FarmChecker) and the registry:
/// <list type="bullet">
/// <item>address text is strict: no whitespace or line breaks anywhere, no leading zeros in octets (IpAddressText) or
/// in the prefix length ("/024"), so two spellings of one network cannot both be stored;</item>
/// <item>a farm's public IPv4 subnet is /<see cref="MinIpv4SubnetPrefix"/> to /<see cref="MaxIpv4SubnetPrefix"/> of
/// global unicast space: not RFC 1918, loopback, link-local, multicast, CGNAT 100.64.0.0/10, 0.0.0.0/8, 240.0.0.0/4,
/// broadcast, benchmarking, IETF protocol assignments (192.0.0.0/24); documentation ranges (RFC 5737) only when
/// <see cref="PublicAddressOptions.AllowDocumentationRanges"/> (labs), and a subnet may not straddle any of them;</item>
/// <item>a farm's IPv6 prefix is /<see cref="MinIpv6PrefixLength"/> to /<see cref="MaxIpv6PrefixLength"/> of global
/// unicast 2000::/3 (RFC 4291 §2.4), without host bits, outside the special-purpose blocks (RFC 6890);</item>
/// <item>a user network range is an IPv4 /16 inside RFC 1918 space (10/8, 172.16/12, 192.168/16). CGNAT is not
/// allowed: Zero-OS uses 100.64.0.0/16 for WireGuard addresses and 100.127.0.0/16 for the ndmz link inside every
/// network resource (zos-networking.md), so a user range there would shadow them.</item>
/// </list>
/// Networks are compared after parsing and normalising (<see cref="Canonical(IPNetwork)"/>), never as the text given.
/// </summary>
public static class AddressRules
{
    /// <summary>Shortest public IPv4 subnet a farm may register (a /16 is 65,536 addresses: more is a typo, e.g. "8.8.8.8/1").</summary>
    public const int MinIpv4SubnetPrefix = 16;

    /// <summary>Longest public IPv4 subnet: a /31 (RFC 3021) still holds an address and a gateway; a /32 has no room for the gateway.</summary>
    public const int MaxIpv4SubnetPrefix = 31;

    /// <summary>Shortest IPv6 prefix of a farm: a /48, a site's allocation (RFC 6177).</summary>
    public const int MinIpv6PrefixLength = 48;

    /// <summary>Longest IPv6 prefix of a farm: a /64, what SLAAC needs (RFC 4862 §5.5.3).</summary>
    public const int MaxIpv6PrefixLength = 64;

    /// <summary>The size of a user network range: members get its /24s and the WireGuard address 100.64.b.c takes two octets of it.</summary>
    public const int UserRangePrefix = 16;

    private static readonly IPNetwork s_globalUnicast6 = IPNetwork.Parse("2000::/3");

    private static readonly IPNetwork[] s_rfc1918 = [IPNetwork.Parse("10.0.0.0/8"), IPNetwork.Parse("172.16.0.0/12"), IPNetwork.Parse("192.168.0.0/16")];

    // Special-purpose blocks a farm cannot own that the classifier does not name (it classifies single addresses for
    // node bring-up): IETF protocol assignments 192.0.0.0/24 (RFC 6890), 6to4 relay anycast 192.88.99.0/24 (RFC 7526),
    // IETF protocol assignments 2001::/23 (RFC 2928, Teredo 2001::/32 inside) and 6to4 2002::/16 (RFC 3056).
    private static readonly (IPNetwork Range, string What)[] s_extraReserved =
    [
        (IPNetwork.Parse("192.0.0.0/24"), "IETF protocol assignments (RFC 6890)"),
        (IPNetwork.Parse("192.88.99.0/24"), "the deprecated 6to4 relay anycast block (RFC 7526)"),
        (IPNetwork.Parse("2001::/23"), "IETF protocol assignments (RFC 2928)"),
        (IPNetwork.Parse("2002::/16"), "6to4 (RFC 3056)"),
    ];

    /// <summary>The canonical text of a network ("203.0.113.0/24", "2001:db8:1::/48"): lowercase, compressed (RFC 5952).</summary>
    public static string Canonical(IPNetwork network) => network.ToString();

    /// <summary>The canonical text of an address with its prefix length, host bits kept ("203.0.113.10/24").</summary>
    public static string Canonical(InterfaceAddress address) => address.ToString();

    /// <summary>
    /// Parses "address/prefix" of <paramref name="family"/> strictly: an error naming the value when it is missing,
    /// holds whitespace or a line break, writes the prefix length with a leading zero, or is not such an address.
    /// </summary>
    public static InterfaceAddress? ParseInterfaceAddress(string? text, AddressFamily family, string path, List<ValidationError> errors, string? what = null,
        string? example = null)
    {
        what ??= $"an {FamilyName(family)} address with a prefix length";
        example ??= family == AddressFamily.InterNetwork ? "198.51.100.10/24" : "2001:db8:1::10/64";
        if (string.IsNullOrEmpty(text))
        {
            errors.Add(new ValidationError(path, $"is required ({what}, e.g. {example})"));
            return null;
        }
        if (!IsStrictText(text, path, errors))
            return null;
        if (!InterfaceAddress.TryParse(text, out var parsed) || parsed.Family != family)
        {
            errors.Add(new ValidationError(path, $"'{text}' is not {what} (e.g. {example})"));
            return null;
        }
        return parsed;
    }

    /// <summary>Parses a plain address of <paramref name="family"/> strictly (see <see cref="ParseInterfaceAddress"/>).</summary>
    public static IPAddress? ParseAddress(string? text, AddressFamily family, string path, List<ValidationError> errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            errors.Add(new ValidationError(path, $"is required (an {FamilyName(family)} address)"));
            return null;
        }
        if (!IsStrictText(text, path, errors))
            return null;
        if (!IpAddressText.TryParse(text, out var parsed) || parsed.AddressFamily != family)
        {
            errors.Add(new ValidationError(path, $"'{text}' is not an {FamilyName(family)} address"));
            return null;
        }
        return parsed;
    }

    /// <summary>
    /// True when <paramref name="text"/> has no whitespace or control character and no prefix length with a leading
    /// zero; otherwise adds an error that shows the value escaped (a trailing newline is visible as \n).
    /// </summary>
    public static bool IsStrictText(string text, string path, List<ValidationError> errors)
    {
        if (text.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            errors.Add(new ValidationError(path, $"'{Escape(text)}' contains whitespace or a control character; write the address alone, e.g. '{Escape(text.Trim())}'"));
            return false;
        }
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0 && text.Length - slash > 2 && text[slash + 1] == '0')
        {
            errors.Add(new ValidationError(path, $"'{text}' writes the prefix length with a leading zero; write /{text[(slash + 1)..].TrimStart('0')}"));
            return false;
        }
        return true;
    }

    /// <summary>
    /// A farm's public IPv4 address with its gateway (tfchain IP4::is_valid, <see cref="PublicConfigRules"/>) and our
    /// subnet rules on top: the prefix length, and the whole subnet in global unicast space. Returns the address when it
    /// parsed, even if it broke a rule.
    /// </summary>
    public static InterfaceAddress? FarmIpv4(string? ipText, string? gatewayText, string ipPath, string gatewayPath, PublicAddressOptions options,
        List<ValidationError> errors)
    {
        var ip = ParseInterfaceAddress(ipText, AddressFamily.InterNetwork, ipPath, errors);
        var gateway = ParseAddress(gatewayText, AddressFamily.InterNetwork, gatewayPath, errors);
        if (ip is null || gateway is null)
            return ip;
        var before = errors.Count;
        CheckIpv4SubnetLength(ip.Value.Network, ipPath, errors);
        if (errors.Count == before)
            CheckNetworkInOneCategory(ip.Value.Network, ipPath, errors);
        PublicConfigRules.ValidateAddressAndGateway(ipText, gatewayText, AddressFamily.InterNetwork, ipPath, gatewayPath, options, errors);
        return ip;
    }

    /// <summary>A farm's public IPv4 subnet as a whole (farm files; the registry derives it from each public IP).</summary>
    public static void CheckIpv4Subnet(IPNetwork subnet, string path, PublicAddressOptions options, List<ValidationError> errors)
    {
        var before = errors.Count;
        CheckIpv4SubnetLength(subnet, path, errors);
        if (errors.Count != before)
            return;
        before = errors.Count(e => e.IsError);
        PublicConfigRules.CheckPublicUnicast(subnet, path, options, errors);
        if (errors.Count(e => e.IsError) == before)
            CheckNetworkInOneCategory(subnet, path, errors);
    }

    private static void CheckIpv4SubnetLength(IPNetwork subnet, string path, List<ValidationError> errors)
    {
        if (subnet.PrefixLength is < MinIpv4SubnetPrefix or > MaxIpv4SubnetPrefix)
        {
            errors.Add(new ValidationError(path,
                $"{subnet} is a /{subnet.PrefixLength}; a farm's public IPv4 subnet is a /{MinIpv4SubnetPrefix} to a /{MaxIpv4SubnetPrefix}"));
        }
    }

    /// <summary>A farm's IPv6 prefix in text (the registry): strict, no host bits, then <see cref="CheckIpv6Prefix"/>.</summary>
    public static IPNetwork? FarmIpv6Prefix(string? text, string path, PublicAddressOptions options, List<ValidationError> errors)
    {
        var parsed = ParseInterfaceAddress(text, AddressFamily.InterNetworkV6, path, errors, "an IPv6 prefix", "2001:db8:1::/48");
        if (parsed is not { } p)
            return null;
        if (!p.Address.Equals(p.Network.BaseAddress))
        {
            errors.Add(new ValidationError(path, $"'{text}' has host bits set; the prefix is {p.Network}"));
            return null;
        }
        CheckIpv6Prefix(p.Network, path, options, errors);
        return p.Network;
    }

    /// <summary>A farm's IPv6 prefix: /48 to /64 of global unicast 2000::/3, public (documentation ones for labs only).</summary>
    public static void CheckIpv6Prefix(IPNetwork prefix, string path, PublicAddressOptions options, List<ValidationError> errors)
    {
        if (prefix.PrefixLength is < MinIpv6PrefixLength or > MaxIpv6PrefixLength)
        {
            errors.Add(new ValidationError(path, prefix.PrefixLength > MaxIpv6PrefixLength
                ? $"{prefix} is longer than /{MaxIpv6PrefixLength}; nodes need at least a /{MaxIpv6PrefixLength} for SLAAC"
                : $"{prefix} is shorter than /{MinIpv6PrefixLength}; a farm registers a /{MinIpv6PrefixLength} to a /{MaxIpv6PrefixLength}"));
            return;
        }
        if (!s_globalUnicast6.Contains(prefix.BaseAddress))
        {
            errors.Add(new ValidationError(path, $"{prefix} is {AddressClassifier.Describe(prefix.BaseAddress)}, outside global unicast 2000::/3; a farm's IPv6 prefix is global unicast"));
            return;
        }
        var before = errors.Count(e => e.IsError);
        PublicConfigRules.CheckPublicUnicast(prefix, path, options, errors);
        if (errors.Count(e => e.IsError) == before)
            CheckNetworkInOneCategory(prefix, path, errors);
    }

    /// <summary>
    /// A user network's range: an IPv4 /16 without host bits inside RFC 1918 space. Returns the network when it is one.
    /// </summary>
    public static IPNetwork? UserNetworkRange(string? text, string path, List<ValidationError> errors)
    {
        var parsed = ParseInterfaceAddress(text, AddressFamily.InterNetwork, path, errors, "an IPv4 range", "10.20.0.0/16");
        if (parsed is not { } p)
            return null;
        if (!p.Address.Equals(p.Network.BaseAddress))
        {
            errors.Add(new ValidationError(path, $"'{text}' has host bits set; the range is {p.Network}"));
            return null;
        }
        if (p.PrefixLength != UserRangePrefix)
        {
            errors.Add(new ValidationError(path, $"'{text}' must be an IPv4 /{UserRangePrefix} (e.g. 10.20.0.0/16): members get its /24s"));
            return null;
        }
        if (!s_rfc1918.Any(r => r.Contains(p.Address)))
        {
            errors.Add(new ValidationError(path,
                $"{p.Network} is {AddressClassifier.Describe(p.Address)}; a user network range is private (RFC 1918: 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16)"
                + (AddressClassifier.Classify(p.Address) == AddressCategory.SharedAddressSpace
                    ? ", not 100.64.0.0/10, which holds the WireGuard (100.64.0.0/16) and ndmz (100.127.0.0/16) addresses"
                    : "")));
            return null;
        }
        return p.Network;
    }

    /// <summary>
    /// A subnet must lie in one category of space: one that straddles a special-purpose block (e.g. 198.51.0.0/16 holds
    /// the documentation block 198.51.100.0/24) is an error even when its first address is public. A subnet wholly
    /// inside one block was judged by its first address already.
    /// </summary>
    private static void CheckNetworkInOneCategory(IPNetwork network, string path, List<ValidationError> errors)
    {
        foreach (var (range, _) in AddressClassifier.SpecialPurposeRanges(network.BaseAddress.AddressFamily))
        {
            // Wholly inside one block: judged by its first address already (a documentation subnet passes in labs).
            if (!IpMath.Overlaps(network, range) || (range.Contains(network.BaseAddress) && range.PrefixLength <= network.PrefixLength))
                continue;
            errors.Add(new ValidationError(path, $"{network} holds {range} ({AddressClassifier.Describe(range.BaseAddress)}); a farm's public space is global unicast only"));
            return;
        }
        foreach (var (range, what) in s_extraReserved)
        {
            if (IpMath.Overlaps(network, range))
            {
                errors.Add(new ValidationError(path, $"{network} overlaps {range}, {what}; a farm's public space is global unicast only"));
                return;
            }
        }
    }

    private static string FamilyName(AddressFamily family) => family == AddressFamily.InterNetwork ? "IPv4" : "IPv6";

    private static string Escape(string text)
    {
        var b = new System.Text.StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            b.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }
        return b.ToString();
    }
}
