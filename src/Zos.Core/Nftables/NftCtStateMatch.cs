namespace Zos.Core.Nftables;

/// <summary><c>ct state { established, related }</c>.</summary>
public sealed record NftCtStateMatch : NftMatch
{
    /// <summary>Creates the match; at least one state.</summary>
    public NftCtStateMatch(NftCtState states)
    {
        if (states == NftCtState.None)
            throw new ArgumentException("a ct state match needs at least one state", nameof(states));
        States = states;
    }

    /// <summary>The states (any of them matches).</summary>
    public NftCtState States { get; }

    internal override string Render(NftFamily family)
    {
        var names = Enum.GetValues<NftCtState>().Where(s => s != NftCtState.None && States.HasFlag(s))
            .Select(s => s.ToString().ToLowerInvariant()).ToList();
        return names.Count == 1 ? $"ct state {names[0]}" : "ct state { " + string.Join(", ", names) + " }";
    }
}
