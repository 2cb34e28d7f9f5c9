namespace Zos.Core.Nftables;

/// <summary>An anonymous counter (packets and bytes), placed before a verdict.</summary>
public sealed record NftCounter : NftStatement
{
    private NftCounter() { }

    /// <summary>The counter statement.</summary>
    public static NftCounter Instance { get; } = new();

    internal override string Render(NftFamily family) => "counter";
}
