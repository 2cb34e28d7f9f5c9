namespace Zos.Core.Nftables;

/// <summary>Base chain types.</summary>
public enum NftChainType
{
    /// <summary>Filtering.</summary>
    Filter,
    /// <summary>Address translation (first packet of a connection only).</summary>
    Nat,
    /// <summary>Rerouting on mark changes (output hook).</summary>
    Route,
}
