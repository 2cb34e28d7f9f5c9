namespace Zos.Core.Nftables;

/// <summary>A statement of a rule: a counter or a verdict.</summary>
public abstract record NftStatement
{
    /// <summary>The nft syntax of this statement in a table of <paramref name="family"/>.</summary>
    internal abstract string Render(NftFamily family);
}
