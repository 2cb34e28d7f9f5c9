using Zos.Core.Nftables;
using Zos.Linux.Processes;

namespace Zos.Linux.Nftables;

/// <summary>
/// Applies rulesets with the nft program inside a network namespace: one <c>nft -f -</c> transaction per ruleset
/// (atomic: the kernel applies all of it or nothing), read back with <c>nft -j list ruleset</c>.
/// </summary>
public sealed class NftApplier
{
    private readonly string _nft;

    /// <summary>Uses <paramref name="nftProgram"/> (default "nft" on PATH).</summary>
    public NftApplier(string nftProgram = "nft") => _nft = nftProgram;

    /// <summary>
    /// Replaces our tables in <paramref name="networkNamespace"/> (null: the current namespace) in one transaction, leaving
    /// other tables alone. Throws <see cref="HelperProcessException"/> with nft's error text when nft refuses it (then nothing changed).
    /// </summary>
    public async Task ApplyAsync(string? networkNamespace, NftRuleset ruleset, CancellationToken cancellationToken = default)
    {
        var text = NftRenderer.RenderTransaction(ruleset);
        var tables = string.Join(", ", ruleset.Tables.Select(t => $"{NftRenderer.Keyword(t.Family)} {t.Name}"));
        await ProcessRunner.RunCheckedAsync(new HelperLaunch(_nft, ["-f", "-"], networkNamespace), $"apply nftables tables [{tables}]", text,
            cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads the whole ruleset of the namespace.</summary>
    public async Task<NftLiveRuleset> ReadAsync(string? networkNamespace, CancellationToken cancellationToken = default)
    {
        var result = await ProcessRunner.RunCheckedAsync(new HelperLaunch(_nft, ["-j", "list", "ruleset"], networkNamespace), "read the nftables ruleset",
            cancellationToken: cancellationToken).ConfigureAwait(false);
        return NftJsonParser.Parse(result.StdOut);
    }

    /// <summary>Reads back and returns the differences from <paramref name="expected"/> (empty when it matches).</summary>
    public async Task<IReadOnlyList<string>> VerifyAsync(string? networkNamespace, NftRuleset expected, CancellationToken cancellationToken = default) =>
        NftVerifier.Differences(expected, await ReadAsync(networkNamespace, cancellationToken).ConfigureAwait(false));

    /// <summary>Applies, then verifies; throws <see cref="InvalidOperationException"/> listing the differences when the kernel disagrees.</summary>
    public async Task ApplyAndVerifyAsync(string? networkNamespace, NftRuleset ruleset, CancellationToken cancellationToken = default)
    {
        await ApplyAsync(networkNamespace, ruleset, cancellationToken).ConfigureAwait(false);
        var problems = await VerifyAsync(networkNamespace, ruleset, cancellationToken).ConfigureAwait(false);
        if (problems.Count > 0)
            throw new InvalidOperationException($"nftables in namespace '{networkNamespace ?? "(current)"}' differ after apply: {string.Join("; ", problems)}");
    }
}
