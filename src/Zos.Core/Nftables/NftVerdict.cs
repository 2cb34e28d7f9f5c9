namespace Zos.Core.Nftables;

/// <summary>Terminal verdicts without arguments: accept, drop, return.</summary>
public sealed record NftVerdict : NftStatement
{
    private NftVerdict(string keyword) => Keyword = keyword;

    /// <summary>The nft keyword.</summary>
    public string Keyword { get; }

    /// <summary>accept.</summary>
    public static NftVerdict Accept { get; } = new("accept");

    /// <summary>drop.</summary>
    public static NftVerdict Drop { get; } = new("drop");

    /// <summary>return (to the calling chain).</summary>
    public static NftVerdict Return { get; } = new("return");

    internal override string Render(NftFamily family) => Keyword;
}
