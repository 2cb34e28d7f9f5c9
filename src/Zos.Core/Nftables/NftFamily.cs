namespace Zos.Core.Nftables;

/// <summary>nftables address families (nft(8) "ADDRESS FAMILIES").</summary>
public enum NftFamily
{
    /// <summary>IPv4 and IPv6 together.</summary>
    Inet,
    /// <summary>IPv4 only.</summary>
    Ip,
    /// <summary>IPv6 only.</summary>
    Ip6,
    /// <summary>Bridged frames.</summary>
    Bridge,
    /// <summary>ARP.</summary>
    Arp,
}
