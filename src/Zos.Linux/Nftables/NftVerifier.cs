using Zos.Core.Nftables;
namespace Zos.Linux.Nftables;

/// <summary>Compares what the kernel holds with what was applied. Pure.</summary>
public static class NftVerifier
{
    /// <summary>
    /// Every difference between <paramref name="expected"/> and <paramref name="live"/>: missing tables or chains, a base
    /// chain with another type/hook/priority/policy, a different rule count, extra chains, or an obsolete table still present.
    /// Empty when they agree.
    /// </summary>
    public static IReadOnlyList<string> Differences(NftRuleset expected, NftLiveRuleset live)
    {
        var problems = new List<string>();
        foreach (var table in expected.Tables)
        {
            var id = $"table {NftRenderer.Keyword(table.Family)} {table.Name}";
            var liveTable = live.Table(table.Family, table.Name);
            if (liveTable is null)
            {
                problems.Add($"{id}: missing");
                continue;
            }
            foreach (var chain in table.Chains)
            {
                var liveChain = liveTable.Chain(chain.Name);
                if (liveChain is null)
                {
                    problems.Add($"{id} chain {chain.Name}: missing");
                    continue;
                }
                if (chain.Base is { } b)
                {
                    var want = (b.Type.ToString().ToLowerInvariant(), b.Hook.ToString().ToLowerInvariant(), b.Priority, b.Policy.ToString().ToLowerInvariant());
                    var got = (liveChain.Type, liveChain.Hook, liveChain.Priority, liveChain.Policy);
                    if (got != want)
                        problems.Add($"{id} chain {chain.Name}: expected type {want.Item1} hook {want.Item2} priority {want.Priority} policy {want.Item4}, found type {got.Type} hook {got.Hook} priority {got.Priority} policy {got.Policy}");
                }
                else if (liveChain.Hook is not null)
                {
                    problems.Add($"{id} chain {chain.Name}: expected a regular chain, found a base chain on hook {liveChain.Hook}");
                }
                if (liveChain.Rules.Count != chain.Rules.Count)
                    problems.Add($"{id} chain {chain.Name}: expected {chain.Rules.Count} rules, found {liveChain.Rules.Count}");
            }
            foreach (var extra in liveTable.Chains.Where(c => table.Chains.All(e => e.Name != c.Name)))
                problems.Add($"{id}: unexpected chain {extra.Name}");
        }
        foreach (var (family, name) in expected.Obsolete)
        {
            if (live.Table(family, name) is not null)
                problems.Add($"table {NftRenderer.Keyword(family)} {name}: should have been removed");
        }
        return problems;
    }
}
