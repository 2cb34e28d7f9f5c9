using System.Net;
using System.Net.Sockets;

namespace Zos.Core.Nftables;

/// <summary><c>ip saddr { ... }</c>, <c>ip6 daddr { ... }</c>: prefixes of one address family.</summary>
public sealed record NftAddressMatch : NftMatch
{
    /// <summary>Creates the match; all prefixes must be of one family and the list non-empty.</summary>
    public NftAddressMatch(bool destination, IReadOnlyList<IPNetwork> prefixes, bool negate = false)
    {
        if (prefixes.Count == 0)
            throw new ArgumentException("an address match needs at least one prefix", nameof(prefixes));
        var family = prefixes[0].BaseAddress.AddressFamily;
        foreach (var odd in prefixes.Where(p => p.BaseAddress.AddressFamily != family))
            throw new ArgumentException($"an address match mixes IPv4 and IPv6: '{prefixes[0]}' and '{odd}'", nameof(prefixes));
        Destination = destination;
        Prefixes = prefixes;
        Negate = negate;
    }

    /// <summary>True for daddr, false for saddr.</summary>
    public bool Destination { get; }

    /// <summary>The prefixes (single addresses are /32 or /128).</summary>
    public IReadOnlyList<IPNetwork> Prefixes { get; }

    /// <summary>True for "!=".</summary>
    public bool Negate { get; }

    /// <summary>True for IPv6 prefixes.</summary>
    public bool IsIPv6 => Prefixes[0].BaseAddress.AddressFamily == AddressFamily.InterNetworkV6;

    /// <summary>Source match.</summary>
    public static NftAddressMatch Source(params IPNetwork[] prefixes) => new(false, prefixes);

    /// <summary>Destination match.</summary>
    public static NftAddressMatch Dest(params IPNetwork[] prefixes) => new(true, prefixes);

    internal override string Render(NftFamily family)
    {
        if (family is NftFamily.Ip && IsIPv6 || family is NftFamily.Ip6 && !IsIPv6 || family is NftFamily.Arp)
            throw new InvalidOperationException($"an {(IsIPv6 ? "IPv6" : "IPv4")} address match cannot be used in a {family.ToString().ToLowerInvariant()} table");
        var items = Prefixes.Select(Format).ToList();
        var set = items.Count == 1 ? items[0] : "{ " + string.Join(", ", items) + " }";
        return $"{(IsIPv6 ? "ip6" : "ip")} {(Destination ? "daddr" : "saddr")} {(Negate ? "!= " : "")}{set}";
    }

    private static string Format(IPNetwork prefix)
    {
        var full = prefix.BaseAddress.AddressFamily == AddressFamily.InterNetworkV6 ? 128 : 32;
        return prefix.PrefixLength == full ? prefix.BaseAddress.ToString() : prefix.ToString();
    }
}
