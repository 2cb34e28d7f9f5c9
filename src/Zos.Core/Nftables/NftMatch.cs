namespace Zos.Core.Nftables;

/// <summary>A match expression of a rule. Subtypes validate their values when constructed, so rendering cannot inject text.</summary>
public abstract record NftMatch
{
    /// <summary>The nft syntax of this match in a table of <paramref name="family"/>.</summary>
    internal abstract string Render(NftFamily family);
}
