namespace Zos.Linux.Nftables;

/// <summary>A chain as the kernel reports it. Type, hook, priority and policy are null for regular chains.</summary>
/// <param name="Name">The chain name.</param>
/// <param name="Type">"filter", "nat", "route" or null.</param>
/// <param name="Hook">"input", ... or null.</param>
/// <param name="Priority">The numeric priority or null.</param>
/// <param name="Policy">"accept"/"drop" or null.</param>
/// <param name="Rules">The rules in order.</param>
public sealed record NftLiveChain(string Name, string? Type, string? Hook, int? Priority, string? Policy, IReadOnlyList<NftLiveRule> Rules);
