namespace Zos.Core.Nftables;

/// <summary>What makes a chain a base chain: its type, hook, priority (a number: filter 0, srcnat 100, dstnat -100) and policy.</summary>
/// <param name="Type">The chain type.</param>
/// <param name="Hook">The hook.</param>
/// <param name="Priority">The priority; lower runs first.</param>
/// <param name="Policy">The default verdict.</param>
public sealed record NftBaseChain(NftChainType Type, NftHook Hook, int Priority, NftPolicy Policy);
