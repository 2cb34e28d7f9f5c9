namespace Zos.Core.Nftables;

/// <summary><c>meta nfproto ipv4|ipv6</c> (layer 3) or <c>meta l4proto icmp|icmpv6|tcp|udp</c> (layer 4, after extension headers).</summary>
public sealed record NftProtocolMatch : NftMatch
{
    private NftProtocolMatch(string key, string value)
    {
        Key = key;
        Value = value;
    }

    /// <summary>"nfproto" or "l4proto".</summary>
    public string Key { get; }

    /// <summary>The protocol name.</summary>
    public string Value { get; }

    /// <summary>IPv4 packets only.</summary>
    public static NftProtocolMatch Ipv4 { get; } = new("nfproto", "ipv4");

    /// <summary>IPv6 packets only.</summary>
    public static NftProtocolMatch Ipv6 { get; } = new("nfproto", "ipv6");

    /// <summary>ICMPv6 (replaces the original's "ip6 nexthdr icmpv6", which misses packets with extension headers).</summary>
    public static NftProtocolMatch Icmpv6 { get; } = new("l4proto", "icmpv6");

    /// <summary>ICMPv4.</summary>
    public static NftProtocolMatch Icmp { get; } = new("l4proto", "icmp");

    internal override string Render(NftFamily family) => $"meta {Key} {Value}";
}
