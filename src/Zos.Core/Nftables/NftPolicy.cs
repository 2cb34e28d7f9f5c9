namespace Zos.Core.Nftables;

/// <summary>The verdict of a base chain for packets no rule decided.</summary>
public enum NftPolicy
{
    /// <summary>Let the packet through.</summary>
    Accept,
    /// <summary>Discard the packet.</summary>
    Drop,
}
