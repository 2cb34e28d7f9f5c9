namespace Zos.Linux.Nftables;

/// <summary>A rule as the kernel reports it (<c>nft -j list ruleset</c>).</summary>
/// <param name="Handle">The kernel's rule handle.</param>
/// <param name="Comment">The comment, or null.</param>
/// <param name="Packets">Packets counted by the rule's counter, or null without a counter.</param>
/// <param name="Bytes">Bytes counted by the rule's counter, or null without a counter.</param>
/// <param name="ExpressionCount">How many expressions (matches and statements) the rule has.</param>
public sealed record NftLiveRule(long Handle, string? Comment, long? Packets, long? Bytes, int ExpressionCount);
