namespace Zos.Core.Nftables;

/// <summary><c>icmp type { echo-request }</c> (IPv4) or <c>icmpv6 type { nd-neighbor-solicit, ... }</c>.</summary>
public sealed record NftIcmpTypeMatch : NftMatch
{
    private NftIcmpTypeMatch(bool v6, IReadOnlyList<string> names)
    {
        if (names.Count == 0)
            throw new ArgumentException("an ICMP type match needs at least one type", nameof(names));
        IsV6 = v6;
        Names = names;
    }

    /// <summary>True for icmpv6.</summary>
    public bool IsV6 { get; }

    /// <summary>The nft names of the types.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>ICMPv4 types.</summary>
    public static NftIcmpTypeMatch V4(params NftIcmpType[] types) => new(false, types.Select(t => NftValidation.KebabCase(t.ToString())).ToList());

    /// <summary>ICMPv6 types.</summary>
    public static NftIcmpTypeMatch V6(params NftIcmpv6Type[] types) => new(true, types.Select(t => NftValidation.KebabCase(t.ToString())).ToList());

    internal override string Render(NftFamily family)
    {
        var set = Names.Count == 1 ? Names[0] : "{ " + string.Join(", ", Names) + " }";
        return $"{(IsV6 ? "icmpv6" : "icmp")} type {set}";
    }
}
