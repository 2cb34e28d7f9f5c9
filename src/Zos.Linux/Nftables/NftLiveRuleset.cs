using Zos.Core.Nftables;
namespace Zos.Linux.Nftables;

/// <summary>The whole ruleset of a namespace as read back with <c>nft -j list ruleset</c>.</summary>
/// <param name="Tables">Every table, ours and others'.</param>
public sealed record NftLiveRuleset(IReadOnlyList<NftLiveTable> Tables)
{
    /// <summary>The table <paramref name="family"/> <paramref name="name"/>, or null.</summary>
    public NftLiveTable? Table(NftFamily family, string name) =>
        Tables.FirstOrDefault(t => t.Family == NftRenderer.Keyword(family) && t.Name == name);
}
