namespace Zos.Core.Nftables;

/// <summary>The tables Zos owns in one network namespace; applied together as one transaction.</summary>
/// <param name="Tables">The tables to (re)create.</param>
public sealed record NftRuleset(IReadOnlyList<NftTable> Tables)
{
    /// <summary>Tables to remove in the same transaction when they exist (e.g. a ruleset that no longer applies).</summary>
    public IReadOnlyList<(NftFamily Family, string Name)> Obsolete { get; init; } = [];
}
