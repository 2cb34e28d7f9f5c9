namespace Zos.Core.Nftables;

/// <summary>A rule: matches (all must hold), then statements in order (counter, verdict...), then an optional comment.</summary>
public sealed record NftRule
{
    /// <summary>Creates a rule. At least one statement is required; the comment is validated (<see cref="NftValidation.ValidateComment"/>).</summary>
    public NftRule(IReadOnlyList<NftMatch> matches, IReadOnlyList<NftStatement> statements, string? comment = null)
    {
        if (statements.Count == 0)
            throw new ArgumentException("a rule needs at least one statement (counter or verdict)", nameof(statements));
        if (comment is not null)
            NftValidation.ValidateComment(comment);
        Matches = matches;
        Statements = statements;
        Comment = comment;
    }

    /// <summary>Shorthand: matches then one statement.</summary>
    public NftRule(NftStatement statement, params NftMatch[] matches) : this(matches, [statement]) { }

    /// <summary>The matches.</summary>
    public IReadOnlyList<NftMatch> Matches { get; }

    /// <summary>The statements.</summary>
    public IReadOnlyList<NftStatement> Statements { get; }

    /// <summary>The comment, or null.</summary>
    public string? Comment { get; }

    /// <summary>Returns a copy with a comment.</summary>
    public NftRule WithComment(string comment) => new(Matches, Statements, comment);
}
