namespace Zos.Core.Nftables;

/// <summary>Conntrack states (nf_conntrack_common.h).</summary>
[Flags]
public enum NftCtState
{
    /// <summary>No state.</summary>
    None = 0,
    /// <summary>Invalid packets.</summary>
    Invalid = 1,
    /// <summary>Part of a known connection.</summary>
    Established = 2,
    /// <summary>Related to a known connection (ICMP errors, FTP data).</summary>
    Related = 4,
    /// <summary>First packet of a connection.</summary>
    New = 8,
    /// <summary>Untracked.</summary>
    Untracked = 16,
}
