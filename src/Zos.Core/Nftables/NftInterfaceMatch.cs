namespace Zos.Core.Nftables;

/// <summary>
/// <c>iifname "x"</c> / <c>oifname "x"</c>; a pattern ending in '*' matches a name prefix (<c>"b-*"</c>).
/// Names follow the kernel rules (<see cref="NftValidation.ValidateInterfacePattern"/>).
/// </summary>
public sealed record NftInterfaceMatch : NftMatch
{
    /// <summary>Creates the match; throws naming the pattern when it is not a valid interface name or prefix.</summary>
    public NftInterfaceMatch(bool outgoing, string pattern, bool negate = false)
    {
        NftValidation.ValidateInterfacePattern(pattern);
        Outgoing = outgoing;
        Pattern = pattern;
        Negate = negate;
    }

    /// <summary>True for oifname, false for iifname.</summary>
    public bool Outgoing { get; }

    /// <summary>The name or prefix pattern.</summary>
    public string Pattern { get; }

    /// <summary>True for "!=".</summary>
    public bool Negate { get; }

    /// <summary>iifname match.</summary>
    public static NftInterfaceMatch In(string pattern) => new(false, pattern);

    /// <summary>oifname match.</summary>
    public static NftInterfaceMatch Out(string pattern) => new(true, pattern);

    internal override string Render(NftFamily family) =>
        $"{(Outgoing ? "oifname" : "iifname")} {(Negate ? "!= " : "")}\"{Pattern}\"";
}
