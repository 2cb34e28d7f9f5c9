namespace Zos.Cli.Tests;

/// <summary>The config directories (account keys) the bad-input table runs commands with.</summary>
internal static class BadInputAccounts
{
    /// <summary>No key yet: one is made on first use.</summary>
    public const string Fresh = "fresh";

    /// <summary>The account that owns the fixture's farm and network.</summary>
    public const string Owner = "owner";

    /// <summary>Another registered account: not the owner of anything.</summary>
    public const string Stranger = "stranger";

    /// <summary>An account.key of 7 random bytes.</summary>
    public const string Garbage = "garbage";
}
